import { beforeAll, describe, expect, it } from 'vitest';
import type { RequestSubjectRef } from '../../domain/approvals/approval-subject';
import type { ApprovalTask, InboxTask, RequestApprovalTask } from '../../domain/approvals/approval-task';
import type { ApprovalTaskStore } from '../../domain/approvals/ports';
import { validatedClaim, waitingTask } from '../unit/approvals/claims';
import { everyPage, ownIds } from './contract-pages';

/** The waiting approver task `taskId` of claim `claimId`, opened at `createdAt`. */
function claimTask(claimId: string, taskId: string, createdAt: string, changes: Partial<ApprovalTask> = {}) {
  return { ...waitingTask(validatedClaim({ claimId }), ['approver'], 0), taskId, createdAt, ...changes };
}

/** The waiting task `taskId` of level 0 (finance) of request `subject`, opened at `createdAt`. */
function requestTask(subject: RequestSubjectRef, taskId: string, createdAt: string): RequestApprovalTask {
  return {
    taskId,
    kind: 'decision',
    partnerId: 'P1',
    level: 'finance',
    levelIndex: 0,
    levels: ['finance'],
    role: 'finance',
    reminders: 0,
    status: 'waiting',
    createdAt,
    subject: { ...subject, partnerId: 'P1', currency: 'USD', amount: '500.00', summary: 'a request' },
  };
}

const ids = (tasks: readonly InboxTask[], prefix: string) => ownIds(tasks, (task) => task.taskId, prefix);

/**
 * The ApprovalTaskStore contract, run against the in-memory fake (unit suite) and the DynamoDB adapter
 * (integration suite): a task opens once per id, closes once while waiting (the decided-once rule of the
 * inbox), reads back as opened without its token, and lists oldest first (created time, then id: the index
 * sort key), the inbox only while waiting and a page at a time. Listings are read for this contract's own ids,
 * as the table may hold other tests' tasks.
 */
export function approvalTaskStoreContract(label: string, open: () => Promise<ApprovalTaskStore>) {
  describe(`${label} keeps the ApprovalTaskStore contract`, () => {
    let store: ApprovalTaskStore;

    beforeAll(async () => {
      store = await open();
    });

    it('opens a task once (a retried step leaves it as it is) and reads back exactly what was opened', async () => {
      const task = claimTask('CT-OPEN', 'CT-OPEN.a', '2026-04-02T10:00:00.000Z');
      await store.open(task, 'token-1');
      await store.open({ ...task, reminders: 3 }, 'token-2');
      expect(await store.get('CT-OPEN.a')).toEqual(task);
      expect(await store.get('CT-NONE.a')).toBeUndefined();
    });

    it('closes a waiting task once (its decision only): true for the first closer, false for every later one, the first kept', async () => {
      const task = claimTask('CT-CLOSE', 'CT-CLOSE.a', '2026-04-02T10:00:00.000Z');
      await store.open(task, 'token');
      const decided: ApprovalTask = {
        ...task,
        status: 'decided',
        decision: { decision: 'approve' },
        outcome: 'decided',
        decidedBy: { userId: 'u-appr-1', role: 'approver' },
        decidedAt: '2026-04-02T11:00:00.000Z',
      };
      // Closing takes the decision, never other changes: the task stays as it opened.
      expect(await store.close({ ...decided, reminders: 9, role: 'finance' })).toBe(true);
      expect(await store.close({ ...decided, decidedBy: { userId: 'u-appr-2', role: 'approver' } })).toBe(
        false,
      );
      expect(await store.close({ ...task, status: 'expired' })).toBe(false);
      expect(await store.get('CT-CLOSE.a')).toEqual(decided);
      expect(ids(await everyPage(50, (page) => store.waitingFor('approver', page)), 'CT-CLOSE')).toEqual([]);
    });

    it("lists a role's waiting decisions oldest first (created, then id), each once across pages", async () => {
      const opened = [
        claimTask('CT-INBOX-1', 'CT-INBOX-1.b', '2026-04-03T09:00:00.000Z'),
        claimTask('CT-INBOX-2', 'CT-INBOX-2.a', '2026-04-01T09:00:00.000Z'),
        claimTask('CT-INBOX-3', 'CT-INBOX-3.a', '2026-04-03T09:00:00.000Z'),
        claimTask('CT-INBOX-4', 'CT-INBOX-4.a', '2026-04-02T09:00:00.000Z'),
        claimTask('CT-INBOX-5', 'CT-INBOX-5.a', '2026-04-02T09:30:00.000Z', { role: 'finance' }),
        claimTask('CT-INBOX-6', 'CT-INBOX-6.a', '2026-04-01T08:00:00.000Z', {
          kind: 'partnerAnswer',
          role: 'partner',
        }),
      ];
      for (const task of opened) await store.open(task, `token-${task.taskId}`);

      const inbox = await everyPage(2, (page) => store.waitingFor('approver', page));

      expect(ids(inbox, 'CT-INBOX')).toEqual([
        'CT-INBOX-2.a',
        'CT-INBOX-4.a',
        'CT-INBOX-1.b',
        'CT-INBOX-3.a',
      ]);
      expect(inbox.find((task) => task.taskId === 'CT-INBOX-4.a')).toEqual(opened[3]);
      expect(ids(await everyPage(10, (page) => store.waitingFor('partner', page)), 'CT-INBOX')).toEqual([]);
    });

    it("lists every task of a claim, closed ones and partner answers too, oldest first; a request's by kind and id", async () => {
      const later = claimTask('CT-HIST', 'CT-HIST.a', '2026-04-05T09:00:00.000Z');
      const first = claimTask('CT-HIST', 'CT-HIST.z', '2026-04-04T09:00:00.000Z');
      const answer = claimTask('CT-HIST', 'CT-HIST.q', '2026-04-06T09:00:00.000Z', {
        kind: 'partnerAnswer',
        role: 'partner',
      });
      const fundRequest = { kind: 'fundRequest', id: 'CT-REQ-1' } as const;
      const sameIdOtherKind = { kind: 'debitAuthorizationRequest', id: 'CT-REQ-1' } as const;
      for (const task of [later, answer, first]) await store.open(task, 'token');
      await store.open(claimTask('CT-HIST-OTHER', 'CT-HIST-OTHER.a', '2026-04-04T08:00:00.000Z'), 'token');
      await store.open(requestTask(fundRequest, 'CT-REQ-1.b', '2026-04-05T00:00:00.000Z'), 'token');
      await store.open(requestTask(fundRequest, 'CT-REQ-1.a', '2026-04-05T00:00:00.000Z'), 'token');
      await store.open(requestTask(sameIdOtherKind, 'CT-REQ-1.x', '2026-04-04T00:00:00.000Z'), 'token');
      await store.close({ ...first, status: 'expired' });

      expect(await store.ofClaim('CT-HIST')).toEqual([{ ...first, status: 'expired' }, later, answer]);
      expect(await store.ofClaim('CT-NONE')).toEqual([]);
      expect(await store.ofRequest(fundRequest)).toEqual([
        requestTask(fundRequest, 'CT-REQ-1.a', '2026-04-05T00:00:00.000Z'),
        requestTask(fundRequest, 'CT-REQ-1.b', '2026-04-05T00:00:00.000Z'),
      ]);
      expect(ids(await store.ofRequest(sameIdOtherKind), 'CT-REQ')).toEqual(['CT-REQ-1.x']);
    });
  });
}
