import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/access/actor';
import { beginApproval } from '../../../domain/approvals/approval-transitions';
import { answerReturnedClaim, decideTask, listInbox } from '../../../domain/approvals/approval-use-cases';
import type { ApprovalWorkflowState } from '../../../domain/approvals/approval-workflow-state';
import {
  escalateWaitingTask,
  expireUnansweredReturn,
  openApprovalTask,
  settleClaimApproval,
  startClaimApproval,
} from '../../../domain/approvals/approval-workflow-steps';
import type { Claim } from '../../../domain/claims/claim';
import { claimMovedTo } from '../../../domain/payments/claim-payment-status';
import { ForbiddenError, NotFoundError, StateConflictError } from '../../../domain/shared/errors';
import { approver, finance, partnerUser } from '../../support/actors';
import { storedUsdPolicy } from '../../support/approval-policy-fixture';
import { validatedClaim } from './claims';
import { approvalHarness } from './fakes';

const secondApprover: Actor = { userId: 'u-appr-2', role: 'approver' };

/** A harness with one validated claim of `amount` USD, its approval started. */
async function started(amount = '15000.00') {
  const harness = approvalHarness();
  await harness.claims.create(validatedClaim({ amountClaimed: amount }));
  const state = await startClaimApproval(harness.deps, { claimId: 'CLM-1' });
  let waits = 0;
  /** What the workflow does before each wait: store the task, as the open-task Lambda does. */
  const open = async (current: ApprovalWorkflowState, kind: 'decision' | 'partnerAnswer' = 'decision') => {
    waits += 1;
    const taskId = `CLM-1.t${waits}`;
    await openApprovalTask(harness.deps, { state: current, kind, taskId, resumeToken: `token-${waits}` });
    return taskId;
  };
  return { ...harness, state, open };
}

describe('claim approval, step by step (in-memory ports)', () => {
  it('15,000.00 USD under the default policy: approver, then finance, then settled with ClaimDecided', async () => {
    const { deps, state, open, claims, resumer, settled, published } = await started();
    expect(state).toMatchObject({ next: 'await', levels: ['approver', 'finance'] });
    expect((await claims.get('CLM-1'))?.status).toBe('inApproval');

    const first = await open(state);
    const inbox = await listInbox(deps, approver, { limit: 10 });
    expect(inbox.items).toEqual([
      expect.objectContaining({
        taskId: first,
        level: 'approver',
        claim: expect.objectContaining({ amountClaimed: '15000.00', validationFailures: [] }),
      }),
    ]);
    expect((await listInbox(deps, finance, { limit: 10 })).items).toEqual([]);
    await expect(listInbox(deps, partnerUser('P1'), { limit: 10 })).rejects.toThrow(ForbiddenError);

    await decideTask(deps, approver, { taskId: first, decision: { decision: 'approve' } });
    expect(resumer.sent).toEqual([{ taskId: first, result: { outcome: 'levelApproved' } }]);

    const second = await open(state);
    expect((await deps.tasks.get(second))?.role).toBe('finance');
    // The approver who signed level 1 may not sign level 2, even holding the admin role.
    await expect(
      decideTask(
        deps,
        { userId: approver.userId, role: 'admin' },
        { taskId: second, decision: { decision: 'approve' } },
      ),
    ).rejects.toThrow(ForbiddenError);
    const { claim } = await decideTask(deps, finance, { taskId: second, decision: { decision: 'approve' } });
    expect(claim).toMatchObject({ status: 'approved', amountApproved: '15000.00' });
    expect(resumer.sent.at(-1)).toEqual({ taskId: second, result: { outcome: 'decided' } });

    await settleClaimApproval(deps, state);
    expect(settled.map((settledClaim) => settledClaim.status)).toEqual(['approved']);
    expect(published).toEqual([
      expect.objectContaining({
        source: 'chrm.claims',
        detailType: 'ClaimDecided',
        detail: expect.objectContaining({
          outcome: 'approved',
          amountApproved: '15000.00',
          decidedBy: { userId: finance.userId, role: 'finance' },
        }),
      }),
    ]);
  });

  it('the same task decided twice (two tabs, a retry) has one effect; the second is a 409', async () => {
    const { deps, state, open, resumer, claims } = await started();
    const taskId = await open(state);
    await decideTask(deps, approver, { taskId, decision: { decision: 'approve' } });
    await expect(decideTask(deps, approver, { taskId, decision: { decision: 'approve' } })).rejects.toThrow(
      StateConflictError,
    );
    expect(resumer.sent).toHaveLength(1);
    expect((await claims.get('CLM-1'))?.version).toBe(3);
  });

  it('two approvers racing on one task: exactly one wins, the other gets 409, the workflow hears once', async () => {
    const { deps, state, open, resumer, claims } = await started();
    const taskId = await open(state);
    const outcomes = await Promise.allSettled([
      decideTask(deps, approver, { taskId, decision: { decision: 'approve' } }),
      decideTask(deps, secondApprover, { taskId, decision: { decision: 'reject', reasonCode: 'other' } }),
    ]);
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const [refused] = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(StateConflictError);
    expect(resumer.sent).toHaveLength(1);
    expect((await claims.get('CLM-1'))?.history).toHaveLength(2);
  });

  it('an unknown task is 404; a partner deciding is 403; the submitter deciding is 403', async () => {
    const { deps, state, open, claims } = await started();
    await expect(
      decideTask(deps, approver, { taskId: 'nope', decision: { decision: 'approve' } }),
    ).rejects.toThrow(NotFoundError);
    const taskId = await open(state);
    await expect(
      decideTask(deps, partnerUser('P1'), { taskId, decision: { decision: 'approve' } }),
    ).rejects.toThrow(ForbiddenError);
    const stored = await claims.get('CLM-1');
    if (stored)
      claims.claims.set('CLM-1', { ...stored, submittedBy: { userId: approver.userId, role: 'approver' } });
    await expect(decideTask(deps, approver, { taskId, decision: { decision: 'approve' } })).rejects.toThrow(
      /submitted/,
    );
  });

  it('a rejection ends the wait as a failure (ClaimRejected) and the claim approves 0.00', async () => {
    const { deps, state, open, resumer } = await started();
    const taskId = await open(state);
    const { claim } = await decideTask(deps, approver, {
      taskId,
      decision: { decision: 'reject', reasonCode: 'insufficientEvidence' },
    });
    expect(claim).toMatchObject({ status: 'rejected', amountApproved: '0.00' });
    expect(resumer.sent).toEqual([{ taskId, error: 'ClaimRejected' }]);
  });

  it('a return waits for the partner; only its own partner answers; approval resumes at the same level', async () => {
    const { deps, state, open, resumer, claims } = await started('800.00');
    const taskId = await open(state);
    await decideTask(deps, approver, {
      taskId,
      decision: { decision: 'returnToPartner', question: 'Invoice copy?' },
    });
    expect(resumer.sent.at(-1)).toEqual({ taskId, result: { outcome: 'returned' } });
    await expect(
      answerReturnedClaim(deps, partnerUser('P1'), { claimId: 'CLM-1', answer: 'here' }),
    ).rejects.toThrow(/not waiting/);

    const answerTask = await open(state, 'partnerAnswer');
    expect((await listInbox(deps, approver, { limit: 10 })).items).toEqual([]);
    await expect(
      answerReturnedClaim(deps, partnerUser('P2'), { claimId: 'CLM-1', answer: 'x' }),
    ).rejects.toThrow(NotFoundError);
    const answered = await answerReturnedClaim(deps, partnerUser('P1'), {
      claimId: 'CLM-1',
      answer: 'Attached',
    });
    expect(answered.status).toBe('inApproval');
    expect(resumer.sent.at(-1)).toEqual({ taskId: answerTask, result: { outcome: 'answered' } });
    await expect(
      answerReturnedClaim(deps, partnerUser('P1'), { claimId: 'CLM-1', answer: 'again' }),
    ).rejects.toThrow(StateConflictError);

    const again = await open(state);
    expect(await deps.tasks.get(again)).toMatchObject({ level: 'approver', levelIndex: 0 });
    const { claim } = await decideTask(deps, approver, { taskId: again, decision: { decision: 'approve' } });
    expect(claim.status).toBe('approved');
    expect((await claims.get('CLM-1'))?.history.map((entry) => entry.to)).toEqual([
      'inApproval',
      'returnedToPartner',
      'inApproval',
      'approved',
    ]);
  });

  it('a claim below the stored auto-approve threshold is approved and settled by the system in one write, and published', async () => {
    const harness = approvalHarness();
    await harness.deps.policies.create({
      policyId: 'current',
      thresholds: { USD: { autoApproveBelow: '500.00', singleApproverUpTo: '5000.00' } },
      escalation: { remindersBeforeEscalation: 1 },
      version: 1,
      createdAt: '',
      updatedAt: '',
    });
    await harness.claims.create(validatedClaim({ amountClaimed: '499.99' }));
    const state = await startClaimApproval(harness.deps, { claimId: 'CLM-1' });
    // Nothing left for the workflow: the step published the decision itself.
    expect(state).toEqual({ claimId: 'CLM-1', next: 'done', levels: [] });
    expect(harness.published.map((event) => [event.detailType, event.detail])).toEqual([
      [
        'ClaimDecided',
        expect.objectContaining({
          outcome: 'approved',
          amountApproved: '499.99',
          decidedBy: { userId: 'system', role: 'system' },
        }),
      ],
    ]);
    // Approved and settled together: the settlement carried the decision.
    expect(harness.settled.map((claim) => [claim.status, claim.amountApproved])).toEqual([
      ['approved', '499.99'],
    ]);
    const approved = await harness.claims.get('CLM-1');
    expect(approved).toMatchObject({ status: 'approved', amountApproved: '499.99' });
    // Entering approval and the automatic approval are one write (one version up), both in the audit trail.
    expect(approved?.version).toBe(2);
    expect(approved?.history.map((entry) => [entry.from, entry.to])).toEqual([
      ['validated', 'inApproval'],
      ['inApproval', 'approved'],
    ]);
    // Retried, the step finds the claim approved and routes to settlement (idempotent) without claiming it done.
    const retried = await startClaimApproval(harness.deps, { claimId: 'CLM-1' });
    expect(retried).toMatchObject({ next: 'settle', claim: approved });
    expect(retried.settled).toBeUndefined();
  });

  it('an automatic approval whose ClaimDecided cannot be published is settled once and left to the settle step to publish', async () => {
    const harness = approvalHarness();
    await harness.deps.policies.create(storedUsdPolicy('500.00'));
    await harness.claims.create(validatedClaim({ amountClaimed: '499.99' }));
    const refused = { publish: async () => Promise.reject(new Error('EventBridge refused ClaimDecided')) };
    const state = await startClaimApproval({ ...harness.deps, events: refused }, { claimId: 'CLM-1' });
    const approved = await harness.claims.get('CLM-1');
    // Settled (one write), the approved claim handed on: the settle step only publishes.
    expect(state).toEqual({ claimId: 'CLM-1', next: 'settle', levels: [], claim: approved, settled: true });
    expect(harness.settled).toHaveLength(1);
    await settleClaimApproval(harness.deps, state);
    expect(harness.settled).toHaveLength(1);
    expect(harness.published.map((event) => [event.detailType, event.detail])).toEqual([
      ['ClaimDecided', expect.objectContaining({ outcome: 'approved', amountApproved: '499.99' })],
    ]);
  });

  it('a claim that entered approval in a write of its own (a step retried across the change) is auto-approved', async () => {
    const harness = approvalHarness();
    await harness.deps.policies.create(storedUsdPolicy('500.00'));
    await harness.claims.create(
      beginApproval(validatedClaim({ amountClaimed: '499.99' }), '2026-04-02T10:00:00Z'),
    );
    const state = await startClaimApproval(harness.deps, { claimId: 'CLM-1' });
    expect(state).toMatchObject({ next: 'settle', claim: { status: 'approved', version: 3 } });
    expect(await harness.claims.get('CLM-1')).toEqual(state.claim);
  });

  it('a claim finance batched (scheduled, even paid) before the settle step ran is still settled, as approved', async () => {
    const { deps, state, open, claims, settled, published } = await started('800.00');
    const taskId = await open(state);
    await decideTask(deps, approver, { taskId, decision: { decision: 'approve' } });
    // A payment batch takes the payable claim in the moment between the decision and the workflow's next step.
    const approved = (await claims.get('CLM-1')) as Claim;
    const batchedBy = { by: { userId: finance.userId, role: finance.role }, at: '2026-04-02T10:00:00.000Z' };
    const scheduled = claimMovedTo(approved, 'scheduled', { ...batchedBy, comment: 'payment batch PB-1' });
    expect(await claims.transition(scheduled, 'approved')).toBe(true);
    expect(await startClaimApproval(deps, { claimId: 'CLM-1' })).toMatchObject({ next: 'settle' });
    await settleClaimApproval(deps, state);
    expect(settled.map((claim) => [claim.status, claim.amountApproved])).toEqual([['approved', '800.00']]);
    expect(published[0]?.detail).toMatchObject({
      outcome: 'approved',
      amountApproved: '800.00',
      decidedBy: { userId: approver.userId, role: 'approver' },
    });
    // The claim itself stays where the batch put it.
    expect((await claims.get('CLM-1'))?.status).toBe('scheduled');
  });
});

describe('escalation', () => {
  it('reminds twice (default policy), then moves the task to finance, publishing each step', async () => {
    const harness = await started('800.00');
    const { deps, open, published } = harness;
    let state = harness.state;
    for (const expected of [
      { kind: 'remind', toRole: 'approver', reminders: 1 },
      { kind: 'remind', toRole: 'approver', reminders: 2 },
      { kind: 'escalate', toRole: 'finance', reminders: 0 },
    ]) {
      const taskId = await open(state);
      state = await escalateWaitingTask(deps, state);
      expect(state.result).toEqual({ outcome: 'pending' });
      expect((await deps.tasks.get(taskId))?.status).toBe('expired');
      expect(published.at(-1)).toMatchObject({
        detailType: 'ApprovalTaskEscalated',
        detail: { ...expected, version: 2, subject: { kind: 'claim', id: 'CLM-1' }, claimId: 'CLM-1' },
      });
    }
    const escalated = await open(state);
    expect(await deps.tasks.get(escalated)).toMatchObject({ level: 'approver', role: 'finance' });
    expect((await listInbox(deps, finance, { limit: 10 })).items.map((task) => task.taskId)).toEqual([
      escalated,
    ]);
  });

  it('a decision that won the task just before the timeout goes on; nothing is escalated', async () => {
    const { deps, state, open, resumer, published } = await started();
    const taskId = await open(state);
    resumer.waitOver = true;
    await decideTask(deps, approver, { taskId, decision: { decision: 'approve' } });
    const next = await escalateWaitingTask(deps, state);
    expect(next.result).toEqual({ outcome: 'levelApproved' });
    expect(published).toEqual([]);
  });

  it('a decision recorded on the task but not on the claim (a crash between) is applied when the wait ends', async () => {
    const { deps, state, open, claims } = await started();
    const taskId = await open(state);
    const task = await deps.tasks.get(taskId);
    if (!task) throw new Error('no task');
    await deps.tasks.close({
      ...task,
      status: 'decided',
      decision: { decision: 'approvePartial', amount: '9000.00', reason: 'one invoice missing' },
      outcome: 'levelApproved',
      decidedBy: { userId: approver.userId, role: 'approver' },
      decidedAt: '2026-04-03T08:00:00.000Z',
    });
    expect((await escalateWaitingTask(deps, state)).result).toEqual({ outcome: 'levelApproved' });
    expect(await claims.get('CLM-1')).toMatchObject({ status: 'inApproval', amountApproved: '9000.00' });
    // Applied once: a second pass finds the claim showing it.
    await escalateWaitingTask(deps, state);
    expect((await claims.get('CLM-1'))?.history).toHaveLength(2);
  });

  it('an unanswered return is rejected (partnerDidNotAnswer) and settled', async () => {
    const { deps, state, open, claims } = await started('800.00');
    const taskId = await open(state);
    await decideTask(deps, approver, { taskId, decision: { decision: 'returnToPartner', question: 'q' } });
    await open(state, 'partnerAnswer');
    expect((await expireUnansweredReturn(deps, state)).result).toEqual({ outcome: 'decided' });
    expect((await claims.get('CLM-1'))?.history.at(-1)).toMatchObject({
      to: 'rejected',
      reasonCode: 'partnerDidNotAnswer',
    });
  });
});
