import { describe, expect, it } from 'vitest';
import { decideInboxTask, listInbox } from '../../../domain/approvals/approval-use-cases';
import type { RequestApprovalDeps } from '../../../domain/approvals/ports';
import type { RequestApprovalState } from '../../../domain/approvals/request-approval-state';
import {
  beginRequestApproval,
  escalateRequestTask,
  openRequestApprovalTask,
} from '../../../domain/approvals/request-approval-steps';
import { allocateFund } from '../../../domain/funds/allocate-fund';
import { fundRequestInputSchema } from '../../../domain/funds/fund-request';
import { fundRequestApprovals, submitFundRequest } from '../../../domain/funds/fund-request-use-cases';
import { fundUtilization } from '../../../domain/funds/fund-utilization';
import { ForbiddenError, StateConflictError, ValidationError } from '../../../domain/shared/errors';
import { admin, approver, channelManager, finance, partnerUser } from '../../support/actors';
import { fundDeps, mdf } from '../funds/fund-deps';
import { approvalHarness } from './fakes';

const p1 = partnerUser('P1');

/**
 * A fund request of P1 for `plannedCost` at 50 % against a 30,000.00 USD MDF fund, its workflow begun, with
 * approval deps whose fund requests are the fund use cases' (no debit authorization request here).
 */
async function submitted(plannedCost: string) {
  const funds = fundDeps();
  const approvals = approvalHarness('2026-03-02T09:00:00.000Z');
  const deps = {
    ...approvals.deps,
    requests: {
      fundRequest: fundRequestApprovals(funds.deps),
      debitAuthorizationRequest: {
        get: async () => undefined,
        decide: async () => {
          throw new Error('no debit authorization request in these tests');
        },
      },
    },
  } satisfies RequestApprovalDeps;
  const fund = await allocateFund(funds.deps, channelManager, mdf({ amount: '30000.00' }));
  const request = await submitFundRequest(
    funds.deps,
    p1,
    fundRequestInputSchema.parse({
      fundId: fund.fundId,
      activityType: 'advertising',
      description: 'Regional print campaign',
      startDate: '2026-04-01',
      endDate: '2026-04-20',
      plannedCost,
      sharePercent: '50',
    }),
  );
  const subject = { kind: 'fundRequest', id: request.requestId } as const;
  const state = await beginRequestApproval(deps, { subject });
  let waits = 0;
  /** What the workflow does before each wait: store the task, as the open-task Lambda does. */
  const open = async (current: RequestApprovalState = state) => {
    waits += 1;
    const taskId = `${request.requestId}.t${waits}`;
    await openRequestApprovalTask(deps, { state: current, taskId, resumeToken: `token-${waits}` });
    return taskId;
  };
  return { ...approvals, funds, fund, deps, request, subject, state, open };
}

describe('request approval through the inbox (fund requests, in-memory ports)', () => {
  it('12,000.00 USD (24,000.00 at 50 %): the approver signs its task, then finance approves in its own; 12,000.00 reserved', async () => {
    const { deps, funds, fund, request, state, open, resumer } = await submitted('24000.00');
    expect(state).toEqual({ subject: { kind: 'fundRequest', id: request.requestId }, next: 'await' });

    const first = await open();
    const inbox = await listInbox(deps, approver, { limit: 10 });
    expect(inbox.items).toEqual([
      expect.objectContaining({
        taskId: first,
        level: 'approver',
        levelIndex: 0,
        levels: ['approver', 'finance'],
        subject: expect.objectContaining({
          kind: 'fundRequest',
          id: request.requestId,
          partnerId: 'P1',
          amount: '12000.00',
          currency: 'USD',
        }),
      }),
    ]);
    await expect(
      decideInboxTask(deps, p1, { taskId: first, decision: { decision: 'approve' } }),
    ).rejects.toThrow(ForbiddenError);
    const signed = await decideInboxTask(deps, approver, {
      taskId: first,
      decision: { decision: 'approve' },
    });
    expect(signed.task).toMatchObject({
      status: 'decided',
      outcome: 'levelApproved',
      decidedBy: { userId: approver.userId },
    });
    expect(resumer.sent).toEqual([{ taskId: first, result: { outcome: 'levelApproved' } }]);
    expect((await fundUtilization(funds.deps, p1, fund.fundId)).reserved).toBe('0.00');

    const second = await open();
    expect(await deps.tasks.get(second)).toMatchObject({ level: 'finance', levelIndex: 1, role: 'finance' });
    // The approver who signed level 1 signs no other level, even as an admin would.
    const signer = { ...admin, userId: approver.userId };
    await expect(
      decideInboxTask(deps, signer, { taskId: second, decision: { decision: 'approve' } }),
    ).rejects.toThrow(/second person/);
    const approved = await decideInboxTask(deps, finance, {
      taskId: second,
      decision: { decision: 'approve', amount: '11000.00' },
    });
    expect(approved).toMatchObject({ request: { status: 'approved', approvedAmount: '11000.00' } });
    expect(resumer.sent.at(-1)).toEqual({ taskId: second, result: { outcome: 'decided' } });
    expect((await fundUtilization(funds.deps, p1, fund.fundId)).reserved).toBe('11000.00');
    await expect(
      decideInboxTask(deps, admin, { taskId: second, decision: { decision: 'approve' } }),
    ).rejects.toThrow(StateConflictError);
  });

  it('a rejection ends the request with its reason; a claim’s decision body on a request task is a 400', async () => {
    const { deps, open, resumer } = await submitted('3000.00');
    const taskId = await open();
    await expect(
      decideInboxTask(deps, approver, {
        taskId,
        decision: { decision: 'reject', reasonCode: 'notEligible' },
      }),
    ).rejects.toThrow(ValidationError);
    const rejected = await decideInboxTask(deps, approver, {
      taskId,
      decision: { decision: 'reject', reason: 'Not in this year’s plan' },
    });
    expect(rejected).toMatchObject({ request: { status: 'rejected' }, task: { outcome: 'decided' } });
    expect(resumer.sent).toEqual([{ taskId, result: { outcome: 'decided' } }]);
  });

  it('a task that waited 24 h is reminded (same role, ApprovalTaskEscalated naming the request); a level signed meanwhile goes on', async () => {
    const { deps, open, state, published, request } = await submitted('3000.00');
    const first = await open();
    const reminded = await escalateRequestTask(deps, state);
    expect(reminded).toMatchObject({
      waiting: { level: 'approver', role: 'approver', reminders: 1 },
      result: { outcome: 'pending' },
    });
    expect((await deps.tasks.get(first))?.status).toBe('expired');
    expect(published.at(-1)).toMatchObject({
      detailType: 'ApprovalTaskEscalated',
      detail: { subject: { kind: 'fundRequest', id: request.requestId }, taskId: first, kind: 'remind' },
    });

    const second = await open(reminded);
    expect(await deps.tasks.get(second)).toMatchObject({ role: 'approver', reminders: 1 });
    await decideInboxTask(deps, approver, { taskId: second, decision: { decision: 'approve' } });
    const count = published.length;
    expect(await escalateRequestTask(deps, reminded)).toMatchObject({ result: { outcome: 'decided' } });
    expect(published).toHaveLength(count);
  });

  it('a request decided before its workflow began waits for nothing; opening a task for it is a conflict', async () => {
    const { deps, open, subject } = await submitted('3000.00');
    const taskId = await open();
    await decideInboxTask(deps, approver, { taskId, decision: { decision: 'approve' } });
    expect(await beginRequestApproval(deps, { subject })).toMatchObject({ next: 'done' });
    await expect(open()).rejects.toThrow(StateConflictError);
  });
});
