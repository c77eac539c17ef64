import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  availableToClaim,
  type ClaimFundDraws,
  noDraws,
  reservationLimit,
  reserve,
  settle,
} from '../../../domain/claims/claim-fund';

type Operation =
  | { readonly kind: 'claim'; readonly amount: bigint }
  | { readonly kind: 'decide'; readonly pick: number; readonly approvedShare: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({ kind: fc.constant('claim' as const), amount: fc.bigInt({ min: 1n, max: 50_000n }) }),
  fc.record({
    kind: fc.constant('decide' as const),
    pick: fc.nat(),
    approvedShare: fc.integer({ min: 0, max: 100 }),
  }),
);

describe('claim fund arithmetic', () => {
  it('a claim is reserved exactly when it fits: drawn never exceeds the credit, and drawn = reserved + settled', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 200_000n }),
        fc.array(operation, { maxLength: 60 }),
        (credited, operations) => {
          let draws: ClaimFundDraws = noDraws;
          const pending: bigint[] = [];
          let approvedTotal = 0n;
          for (const step of operations) {
            if (step.kind === 'claim') {
              const limit = reservationLimit(credited, step.amount);
              // The store's condition: drawn ≤ limit (and no write at all for a negative limit).
              const accepted = limit >= 0n && draws.drawn <= limit;
              expect(accepted).toBe(draws.drawn + step.amount <= credited);
              if (accepted) {
                draws = reserve(draws, step.amount);
                pending.push(step.amount);
              }
            } else if (pending.length > 0) {
              const [claimed] = pending.splice(step.pick % pending.length, 1);
              if (claimed === undefined) continue;
              const approved = (claimed * BigInt(step.approvedShare)) / 100n;
              draws = settle(draws, claimed, approved);
              approvedTotal += approved;
            }
            expect(draws.drawn).toBe(draws.reserved + draws.settled);
            expect(draws.reserved).toBe(pending.reduce((sum, amount) => sum + amount, 0n));
            expect(draws.settled).toBe(approvedTotal);
            expect(draws.drawn <= credited).toBe(true);
            // The checkbook's figure agrees once settled claims are posted as claimed.
            expect(availableToClaim({ credited, claimed: approvedTotal }, draws)).toBe(
              credited - draws.drawn,
            );
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
