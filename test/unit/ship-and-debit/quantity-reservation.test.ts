import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateDebitClaimLines } from '../../../domain/ship-and-debit/claim-line-validation';
import {
  planQuantityReservation,
  quantityReservations,
} from '../../../domain/ship-and-debit/quantity-reservation';
import { sampleClaimLines, sampleContext } from './claim-validation-fixtures';

describe('quantity reservations', () => {
  it('sum a claim’s approved quantities per authorization line (sample: GX-100 1000, GX-200 100)', () => {
    const results = validateDebitClaimLines(sampleContext(), sampleClaimLines);
    expect(quantityReservations(sampleClaimLines, results)).toEqual([
      { authorizationNumber: 'DA-2026-0042', productSku: 'GX-100', quantity: 1000 },
      { authorizationNumber: 'DA-2026-0042', productSku: 'GX-200', quantity: 100 },
    ]);
  });

  it('cut a request to what remains: 120 asked of 100 → 100 granted, 0 left', () => {
    expect(planQuantityReservation(100, 120)).toEqual({
      granted: 100,
      remainingAfter: 0,
      expectedRemaining: 100,
    });
    expect(planQuantityReservation(0, 5).granted).toBe(0);
  });

  /**
   * Claims run concurrently: each reads the remaining quantity, plans, then writes on condition that the stored
   * value is still what it read (as DynamoDB's conditional update does); a failed write re-reads and retries.
   * Any interleaving of reads and writes, chosen by fast-check's scheduler, must keep the cap.
   */
  it('concurrent interleaved claims never take more than the cap', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.scheduler(),
        fc.integer({ min: 0, max: 500 }),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 8 }),
        async (scheduler, cap, requests) => {
          const stored = { remaining: cap };
          const read = scheduler.scheduleFunction(async () => stored.remaining);
          const conditionalWrite = scheduler.scheduleFunction(async (expected: number, next: number) => {
            if (stored.remaining !== expected) return false;
            stored.remaining = next;
            return true;
          });
          const claim = async (requested: number): Promise<number> => {
            for (;;) {
              const plan = planQuantityReservation(await read(), requested);
              if (await conditionalWrite(plan.expectedRemaining, plan.remainingAfter)) return plan.granted;
            }
          };
          const running = Promise.all(requests.map(claim));
          await scheduler.waitAll();
          const granted = await running;

          const total = granted.reduce((sum, units) => sum + units, 0);
          expect(total).toBeLessThanOrEqual(cap);
          expect(stored.remaining).toBe(cap - total);
          granted.forEach((units, index) => {
            expect(units).toBeLessThanOrEqual(requests[index] ?? 0);
          });
          // Units are left only if every claim got what it asked.
          if (stored.remaining > 0) expect(granted).toEqual(requests);
        },
      ),
      { numRuns: 150 },
    );
  });
});
