import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/access/actor';
import { type ApprovalDecision, decideClaim } from '../../../domain/approvals/approval-decision';
import type { ApprovalLevel } from '../../../domain/approvals/approval-policy';
import { answerReturn, beginApproval } from '../../../domain/approvals/approval-transitions';
import { assertMayDecide, levelSigners } from '../../../domain/approvals/segregation-of-duties';
import type { Claim } from '../../../domain/claims/claim';
import { DomainError } from '../../../domain/shared/errors';
import { toMinorUnits } from '../../../domain/shared/money/minor-units';
import { validatedClaim, waitingTask } from './claims';

// A small cast so that collisions (the same person twice, the submitter deciding) are frequent.
const people: Actor[] = [
  { userId: 'u-P1', role: 'partner', partnerId: 'P1' },
  { userId: 'u-a1', role: 'approver' },
  { userId: 'u-a2', role: 'approver' },
  { userId: 'u-f1', role: 'finance' },
  { userId: 'u-f2', role: 'finance' },
  { userId: 'u-adm', role: 'admin' },
  { userId: 'u-cm', role: 'channel_manager' },
];
const submitters = [
  { userId: 'u-P1', role: 'partner' as const },
  { userId: 'u-cm', role: 'channel_manager' as const },
  { userId: 'u-a1', role: 'approver' as const },
];

const decision: fc.Arbitrary<ApprovalDecision> = fc.oneof(
  fc.constant({ decision: 'approve' as const }),
  fc
    .integer({ min: -100, max: 2_000_000 })
    .map((cents) => ({ decision: 'approvePartial' as const, amount: (cents / 100).toFixed(2), reason: 'r' })),
  fc.constant({ decision: 'reject' as const, reasonCode: 'other' as const }),
  fc.constant({ decision: 'returnToPartner' as const, question: 'q' }),
);
const step = fc.record({
  who: fc.integer({ min: 0, max: people.length - 1 }),
  decision,
  answerFirst: fc.boolean(),
});

describe('decisions under segregation of duties (property)', () => {
  it('no sequence of decisions lets one user sign two levels or approve their own claim, and approved ≤ claimed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.constantFrom<ApprovalLevel[]>(['approver'], ['approver', 'finance']),
        fc.constantFrom(...submitters),
        fc.array(step, { maxLength: 12 }),
        (cents, levels, submittedBy, steps) => {
          const amount = (cents / 100).toFixed(2);
          let claim: Claim = beginApproval(
            validatedClaim({ amountClaimed: amount, submittedBy }),
            '2026-04-02T10:00:00.000Z',
          );
          for (const { who, decision, answerFirst } of steps) {
            const actor = people[who] as Actor;
            try {
              if (claim.status === 'returnedToPartner' && answerFirst) {
                claim = answerReturn(claim, people[0] as Actor, 'answer', '2026-04-03T00:00:00.000Z');
              }
              // The workflow waits for the level after those signed, with the task of that level's role.
              const levelIndex = levelSigners(claim).length;
              const task = waitingTask(claim, levels, levelIndex);
              assertMayDecide(actor, claim, task);
              claim = decideClaim(claim, task, actor, decision, '2026-04-03T00:00:00.000Z').claim;
            } catch (error) {
              if (!(error instanceof DomainError)) throw error;
            }
          }
          const signers = levelSigners(claim);
          expect(new Set(signers).size).toBe(signers.length);
          expect(signers).not.toContain(submittedBy.userId);
          expect(signers.length).toBeLessThanOrEqual(levels.length);
          if (claim.amountApproved !== undefined) {
            expect(toMinorUnits(claim.amountApproved, 'USD')).toBeLessThanOrEqual(
              toMinorUnits(amount, 'USD'),
            );
            expect(toMinorUnits(claim.amountApproved, 'USD')).toBeGreaterThanOrEqual(0n);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
