import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocateFund } from '../../../domain/funds/allocate-fund';
import { expireFunds } from '../../../domain/funds/expire-funds';
import { availableOf, fundAllocationSchema } from '../../../domain/funds/fund';
import {
  requestEvidenceUpload,
  reviewFundClaim,
  submitFundClaim,
} from '../../../domain/funds/fund-claim-use-cases';
import { fundRequestInputSchema } from '../../../domain/funds/fund-request';
import { decideFundRequest, submitFundRequest } from '../../../domain/funds/fund-request-use-cases';
import { DomainError } from '../../../domain/shared/errors';
import { toMinorUnits } from '../../../domain/shared/money/minor-units';
import { approver, channelManager, partnerUser } from '../../support/actors';
import { fundDeps } from './fund-deps';

type Step =
  | { readonly kind: 'request'; readonly cost: number }
  | { readonly kind: 'approve'; readonly pick: number; readonly percent: number }
  | { readonly kind: 'reject'; readonly pick: number }
  | { readonly kind: 'claim'; readonly pick: number; readonly cost: number }
  | { readonly kind: 'review'; readonly pick: number; readonly decision: 'approve' | 'partial' | 'reject' }
  | { readonly kind: 'day'; readonly days: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('request' as const),
      cost: fc.integer({ min: 1, max: 900_000 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('approve' as const),
      pick: fc.nat(),
      percent: fc.integer({ min: 1, max: 100 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reject' as const), pick: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('claim' as const),
      pick: fc.nat(),
      cost: fc.integer({ min: 1, max: 900_000 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('review' as const),
      pick: fc.nat(),
      decision: fc.constantFrom('approve' as const, 'partial' as const, 'reject' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('day' as const), days: fc.integer({ min: 1, max: 30 }) }),
  },
);

const p1 = partnerUser('P1');
const cents = (value: number) => `${Math.floor(value / 100)}.${String(value % 100).padStart(2, '0')}`;

describe('a fund through any sequence of requests, decisions, claims, reviews and expiry runs', () => {
  it('is never overdrawn, and its balances always equal what its requests and claims hold', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 2_000_000 }),
        fc.array(step, { minLength: 10, maxLength: 60 }),
        async (budget, steps) => {
          const { deps, funds, evidence, now } = fundDeps('2026-01-05T09:00:00.000Z');
          let day = new Date('2026-01-05T09:00:00.000Z');
          const fund = await allocateFund(
            deps,
            channelManager,
            fundAllocationSchema.parse({
              kind: 'discretionary',
              partnerId: 'P1',
              name: 'MDF',
              period: 'FY2026',
              currency: 'USD',
              amount: cents(budget),
              validFrom: '2026-01-01',
              validTo: '2026-03-31',
              claimWindowDays: 20,
            }),
          );
          const pick = <T>(items: readonly T[], index: number) => items[index % Math.max(items.length, 1)];
          for (const each of steps) {
            const requests = [...funds.requests.values()];
            const claims = [...funds.fundClaims.values()];
            try {
              if (each.kind === 'day') {
                day = new Date(day.getTime() + each.days * 86_400_000);
                now(day.toISOString());
                await expireFunds(deps, day.toISOString().slice(0, 10));
              } else if (each.kind === 'request') {
                await submitFundRequest(
                  deps,
                  p1,
                  fundRequestInputSchema.parse({
                    fundId: fund.fundId,
                    activityType: 'digital',
                    description: 'Ads',
                    startDate: '2026-03-01',
                    endDate: '2026-03-10',
                    plannedCost: cents(each.cost),
                    sharePercent: '50',
                  }),
                );
              } else if (each.kind === 'approve' || each.kind === 'reject') {
                const target = pick(requests, each.pick);
                if (target === undefined) continue;
                const requested = toMinorUnits(target.requestedAmount, 'USD');
                const amount = (requested * BigInt(each.kind === 'approve' ? each.percent : 100)) / 100n;
                await decideFundRequest(
                  deps,
                  approver,
                  target.requestId,
                  each.kind === 'reject'
                    ? { decision: 'reject', reason: 'no' }
                    : { decision: 'approve', amount: cents(Number(amount > 0n ? amount : 1n)) },
                );
              } else if (each.kind === 'claim') {
                const target = pick(requests, each.pick);
                if (target === undefined) continue;
                const ticket = await requestEvidenceUpload(deps, p1, target.requestId, {
                  fileName: 'p.pdf',
                  contentType: 'application/pdf',
                  sizeBytes: 9,
                });
                evidence.objects.set(ticket.key, { sizeBytes: 9, contentType: 'application/pdf' });
                await submitFundClaim(deps, p1, target.requestId, {
                  actualCost: cents(each.cost),
                  evidence: [ticket.key],
                });
              } else {
                const target = pick(claims, each.pick);
                if (target === undefined) continue;
                const claimed = toMinorUnits(target.amountClaimed, 'USD');
                await reviewFundClaim(
                  deps,
                  approver,
                  target.fundClaimId,
                  each.decision === 'partial' && claimed > 1n
                    ? { decision: 'partial', amount: cents(Number(claimed / 2n)), reason: 'part' }
                    : each.decision === 'reject'
                      ? { decision: 'reject', reason: 'no' }
                      : { decision: 'approve' },
                );
              }
            } catch (error) {
              // Refusals (409, 422, …) are part of the game; anything else is a defect.
              if (!(error instanceof DomainError)) throw error;
            }
            const balances = funds.funds.get(fund.fundId)?.balances;
            if (balances === undefined) throw new Error('fund lost');
            expect(availableOf(balances) >= 0n).toBe(true);
            const holding = [...funds.requests.values()].filter(
              (request) => request.status === 'approved' || request.status === 'claimed',
            );
            expect(balances.reserved).toBe(
              holding.reduce((sum, request) => sum + toMinorUnits(request.approvedAmount ?? '0', 'USD'), 0n),
            );
            expect(balances.claimed).toBe(
              [...funds.fundClaims.values()].reduce(
                (sum, claim) =>
                  sum + (claim.amountApproved === undefined ? 0n : toMinorUnits(claim.amountApproved, 'USD')),
                0n,
              ),
            );
            const settled = [...funds.fundClaims.values()].filter(
              (claim) => claim.settlementClaimId !== undefined,
            );
            for (const claim of settled) {
              expect(
                toMinorUnits(claim.amountApproved ?? '0', 'USD') <= toMinorUnits(claim.payable, 'USD'),
              ).toBe(true);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
