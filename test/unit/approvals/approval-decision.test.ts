import { describe, expect, it } from 'vitest';
import { type ApprovalDecision, decideClaim } from '../../../domain/approvals/approval-decision';
import {
  answerReturn,
  autoApprove,
  beginApproval,
  expireReturn,
} from '../../../domain/approvals/approval-transitions';
import { escalationOf } from '../../../domain/approvals/escalation';
import { assertMayDecide } from '../../../domain/approvals/segregation-of-duties';
import type { Claim } from '../../../domain/claims/claim';
import {
  ForbiddenError,
  NotFoundError,
  StateConflictError,
  ValidationError,
} from '../../../domain/shared/errors';
import { approver, finance, partnerUser } from '../../support/actors';
import { validatedClaim, waitingTask } from './claims';

const at = '2026-04-03T09:00:00.000Z';
const inApproval = beginApproval(validatedClaim(), '2026-04-02T10:00:01.000Z');
const twoLevels = ['approver', 'finance'] as const;
const appr = { userId: approver.userId, role: approver.role };
const fin = { userId: finance.userId, role: finance.role };

/** Finance approving level 2 of a two-level claim. */
const financeApproves = (claim: Claim) =>
  decideClaim(claim, waitingTask(claim, [...twoLevels], 1), fin, { decision: 'approve' }, at);

/** The approver's `decision` on a one-level claim's only task. */
const decideSingleLevel = (claim: Claim, decision: ApprovalDecision) =>
  decideClaim(claim, waitingTask(claim, ['approver'], 0), appr, decision, at);

describe('decideClaim', () => {
  it('approver then finance approve 15,000.00 USD: inApproval after the first level, approved after the second', () => {
    const first = decideClaim(
      inApproval,
      waitingTask(inApproval, [...twoLevels], 0),
      appr,
      { decision: 'approve' },
      at,
    );
    expect(first.outcome).toBe('levelApproved');
    expect(first.claim.status).toBe('inApproval');
    const second = financeApproves(first.claim);
    expect(second).toMatchObject({
      outcome: 'decided',
      claim: { status: 'approved', amountApproved: '15000.00' },
    });
    expect(second.claim.history.at(-1)).toEqual({
      at,
      by: fin,
      from: 'inApproval',
      to: 'approved',
      amountBefore: '15000.00',
      amountAfter: '15000.00',
    });
    expect(second.claim.version).toBe(inApproval.version + 2);
  });

  it('a partial 12,000.00 at the first level carries to the second: the claim ends partiallyApproved', () => {
    const first = decideClaim(
      inApproval,
      waitingTask(inApproval, [...twoLevels], 0),
      appr,
      { decision: 'approvePartial', amount: '12000.00', reason: 'one invoice unsupported' },
      at,
    );
    expect(first.claim).toMatchObject({ status: 'inApproval', amountApproved: '12000.00' });
    const second = financeApproves(first.claim);
    expect(second.claim).toMatchObject({ status: 'partiallyApproved', amountApproved: '12000.00' });
    expect(second.claim.history.at(-1)).toMatchObject({ amountBefore: '12000.00', amountAfter: '12000.00' });
  });

  it.each([
    ['15000.00', 'below the amount under approval'],
    ['15000.01', 'below the amount under approval'],
    ['0.00', 'greater than zero'],
    ['12.345', 'minor units'],
    ['-5.00', 'greater than zero'],
  ])('refuses a partial amount of %s (%s)', (amount, message) => {
    const decide = () => decideSingleLevel(inApproval, { decision: 'approvePartial', amount, reason: 'r' });
    expect(decide).toThrow(ValidationError);
    try {
      decide();
    } catch (error) {
      expect((error as ValidationError).issues[0]).toMatchObject({ path: 'amount' });
      expect((error as ValidationError).issues[0]?.message).toContain(message);
    }
  });

  it('a rejection approves 0.00 with its reason code and ends the approval', () => {
    const decided = decideClaim(
      inApproval,
      waitingTask(inApproval, [...twoLevels], 0),
      appr,
      { decision: 'reject', reasonCode: 'insufficientEvidence' },
      at,
    );
    expect(decided).toMatchObject({
      outcome: 'decided',
      claim: { status: 'rejected', amountApproved: '0.00' },
    });
    expect(decided.claim.history.at(-1)).toMatchObject({
      reasonCode: 'insufficientEvidence',
      amountAfter: '0.00',
    });
  });

  it('a return asks the partner; the answer brings the claim back into approval at the same level', () => {
    const returned = decideSingleLevel(inApproval, {
      decision: 'returnToPartner',
      question: 'Send the invoice copy',
    });
    expect(returned).toMatchObject({ outcome: 'returned', claim: { status: 'returnedToPartner' } });
    const answered = answerReturn(returned.claim, partnerUser('P1'), 'Attached INV-1.pdf', at);
    expect(answered.status).toBe('inApproval');
    expect(answered.history.at(-1)).toMatchObject({
      from: 'returnedToPartner',
      to: 'inApproval',
      comment: 'Attached INV-1.pdf',
    });
    // The approver who asked may still sign: a question signs no level.
    expect(() => assertMayDecide(approver, answered, waitingTask(answered, ['approver'], 0))).not.toThrow();
  });

  it('another partner answering is told the claim does not exist; a claim not returned is a conflict', () => {
    const returned = decideSingleLevel(inApproval, { decision: 'returnToPartner', question: 'q' }).claim;
    expect(() => answerReturn(returned, partnerUser('P2'), 'a', at)).toThrow(NotFoundError);
    expect(() => answerReturn(inApproval, partnerUser('P1'), 'a', at)).toThrow(StateConflictError);
    expect(() => answerReturn(returned, approver, 'a', at)).toThrow(ForbiddenError);
  });

  it('a claim no longer in approval cannot be decided (409)', () => {
    const rejected = decideSingleLevel(inApproval, { decision: 'reject', reasonCode: 'other' }).claim;
    expect(() => decideSingleLevel(rejected, { decision: 'approve' })).toThrow(StateConflictError);
  });

  it('an unanswered return expires as rejected (partnerDidNotAnswer); below-threshold claims auto-approve in full', () => {
    const returned = decideSingleLevel(inApproval, { decision: 'returnToPartner', question: 'q' }).claim;
    expect(expireReturn(returned, '0.00', at)).toMatchObject({ status: 'rejected', amountApproved: '0.00' });
    expect(autoApprove(inApproval, at)).toMatchObject({ status: 'approved', amountApproved: '15000.00' });
  });
});

describe('assertMayDecide (segregation of duties)', () => {
  const task = waitingTask(inApproval, [...twoLevels], 0);
  it.each([
    ['a partner', partnerUser('P1')],
    ['a finance user on an approver task', finance],
    ['the submitter, even as admin', { userId: 'u-P1', role: 'admin' as const }],
  ])('refuses %s', (_, actor) => {
    expect(() => assertMayDecide(actor, inApproval, task)).toThrow(ForbiddenError);
  });

  it('refuses the approver of level 1 at level 2, even as admin', () => {
    const first = decideClaim(inApproval, task, appr, { decision: 'approve' }, at).claim;
    const level2 = waitingTask(first, [...twoLevels], 1);
    expect(() => assertMayDecide({ userId: approver.userId, role: 'admin' }, first, level2)).toThrow(
      /another level/,
    );
    expect(() => assertMayDecide(finance, first, level2)).not.toThrow();
  });
});

describe('escalationOf', () => {
  const policy = { remindersBeforeEscalation: 2 };
  it('reminds twice, then moves an approver task to finance, then finance to admin; admin is only reminded', () => {
    expect(escalationOf({ role: 'approver', reminders: 0 }, policy)).toEqual({
      kind: 'remind',
      next: { role: 'approver', reminders: 1 },
    });
    expect(escalationOf({ role: 'approver', reminders: 2 }, policy)).toEqual({
      kind: 'escalate',
      from: 'approver',
      next: { role: 'finance', reminders: 0 },
    });
    expect(escalationOf({ role: 'finance', reminders: 2 }, policy).next.role).toBe('admin');
    expect(escalationOf({ role: 'admin', reminders: 9 }, policy)).toEqual({
      kind: 'remind',
      next: { role: 'admin', reminders: 10 },
    });
  });
});
