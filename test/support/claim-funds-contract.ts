import { beforeAll, describe, expect, it } from 'vitest';
import type { AccrualLedger } from '../../domain/accrual-runs/ports';
import type { Claim } from '../../domain/claims/claim';
import { type ClaimFundScope, reservationLimit } from '../../domain/claims/claim-fund';
import type { ClaimFunds, ClaimStore } from '../../domain/claims/ports';
import { claimPosting } from '../../domain/claims/settle-decided-claim';
import type { LedgerReader } from '../../domain/ledger/ports';
import { claim } from '../unit/claims/builders';
import { posting } from '../unit/ledger/builders';

/** What the contract runs on: the funds, the claims they store, and the ledger that credits them. */
export interface ClaimFundsUnderTest {
  readonly funds: ClaimFunds;
  readonly claims: ClaimStore;
  readonly ledger: Pick<AccrualLedger, 'postIndependent'> & Pick<LedgerReader, 'checkbookPostings'>;
}

const programId = 'PRG-CFC';
const period = '2026-05';
const scopeOf = (partnerId: string): ClaimFundScope => ({
  partnerId,
  programId,
  period,
  fund: 'rebate',
  currency: 'USD',
});
const fundClaim = (partnerId: string, claimId: string, amount: string, reference = claimId): Claim =>
  claim({
    ...scopeOf(partnerId),
    claimId,
    amountClaimed: amount,
    lines: [{ lineNumber: 1, amount, reference, evidence: [] }],
  });
const credit = (partnerId: string, kind: 'accrual' | 'adjustment', amount: string) =>
  posting(kind, {
    programId,
    period,
    beneficiaryPartnerId: partnerId,
    partnerId,
    amount,
    postingId: `${partnerId}-${kind}`,
    postedOn: '2026-05-31',
  });

/**
 * The ClaimFunds contract, run against the in-memory fake (unit suite) and DynamoClaimFunds (integration
 * suite): a fund's credit is what its accrual and adjustment postings sum to (claims do not credit it); a
 * reservation stores the claim, its references and its draw together, only under the limit, and nothing when
 * refused; a settlement ends the reservation once (the approved part stays drawn, the rest is free) with the
 * claim's posting, and with a decision only while the claim is still where the decision moved it from.
 */
export function claimFundsContract(label: string, open: () => Promise<ClaimFundsUnderTest>) {
  describe(`${label} keeps the ClaimFunds contract`, () => {
    let port: ClaimFundsUnderTest;

    beforeAll(async () => {
      port = await open();
    });

    it('credits a fund from its postings and reserves under the limit only: an over-draw, a taken reference and a repeat write nothing', async () => {
      const { funds, claims, ledger } = port;
      const scope = scopeOf('CFC-P1');
      await ledger.postIndependent(credit('CFC-P1', 'accrual', '100.00'));
      await ledger.postIndependent(credit('CFC-P1', 'adjustment', '20.00'));
      expect(await funds.balance(scope)).toEqual({
        credited: 12000n,
        draws: { reserved: 0n, settled: 0n, drawn: 0n },
      });
      const first = fundClaim('CFC-P1', 'CFC-C1', '60.00');
      expect(await funds.reserve(first, reservationLimit(12000n, 6000n))).toEqual({ kind: 'reserved' });
      expect(await claims.get('CFC-C1')).toEqual(first);
      const over = fundClaim('CFC-P1', 'CFC-C2', '60.01');
      expect(await funds.reserve(over, reservationLimit(12000n, 6001n))).toEqual({
        kind: 'insufficientFunds',
      });
      const taken = fundClaim('CFC-P1', 'CFC-C3', '1.00', 'CFC-C1');
      expect(await funds.reserve(taken, reservationLimit(12000n, 100n))).toEqual({
        kind: 'duplicateReferences',
        references: ['CFC-C1'],
      });
      expect(await funds.reserve(first, reservationLimit(12000n, 6000n))).toEqual({ kind: 'claimExists' });
      expect(await claims.get('CFC-C2')).toBeUndefined();
      expect(await claims.get('CFC-C3')).toBeUndefined();
      const drawn = { reserved: 6000n, settled: 0n, drawn: 6000n };
      expect(await funds.fundAndReferences(taken)).toEqual({
        credited: 12000n,
        draws: drawn,
        referenceHolders: new Map([['CFC-C1', 'CFC-C1']]),
      });
      expect(await funds.positionsOf('CFC-P1')).toEqual([{ ...scope, ...drawn }]);
      const ofPeriod = (await funds.periodBalances(programId, period)).filter(
        (each) => each.scope.partnerId === 'CFC-P1',
      );
      expect(ofPeriod).toEqual([{ scope, credited: 12000n, draws: drawn }]);
    });

    it('settles once with the claim posting: the approved part stays drawn, the rest is free; with a decision only from where it moved', async () => {
      const { funds, claims, ledger } = port;
      const scope = scopeOf('CFC-P2');
      await ledger.postIndependent(credit('CFC-P2', 'accrual', '80.00'));
      const validated = fundClaim('CFC-P2', 'CFC-S1', '50.00');
      expect(await funds.reserve(validated, reservationLimit(8000n, 5000n))).toEqual({ kind: 'reserved' });
      const decided: Claim = {
        ...validated,
        status: 'partiallyApproved',
        amountApproved: '30.00',
        version: 2,
      };
      const claimPostingOf = claimPosting(decided, '30.00', '2026-06-02');
      const stale = { ...decided, version: 3 };
      expect(await funds.settle(stale, 3000n, claimPostingOf, { next: stale, expected: 'validated' })).toBe(
        false,
      );
      expect(await claims.get('CFC-S1')).toEqual(validated);
      expect(await funds.draws(scope)).toEqual({ reserved: 5000n, settled: 0n, drawn: 5000n });
      const move = { next: decided, expected: 'validated' as const };
      expect(await funds.settle(decided, 3000n, claimPostingOf, move)).toBe(true);
      expect(await claims.get('CFC-S1')).toEqual(decided);
      // A retried step, even on another day: the claim moved on, nothing more is written.
      const retried = { ...claimPostingOf, postedOn: '2026-06-03' };
      expect(await funds.settle(decided, 3000n, retried, move)).toBe(false);
      await funds.settle(decided, 3000n, retried);
      const settled = { reserved: 0n, settled: 3000n, drawn: 3000n };
      expect(await funds.balance(scope)).toEqual({ credited: 8000n, draws: settled });
      const claimed = (await ledger.checkbookPostings('CFC-P2', programId)).filter(
        (each) => each.kind === 'claim',
      );
      expect(claimed.map((each) => [each.amount, each.postedOn])).toEqual([['30.00', '2026-06-02']]);
    });
  });
}
