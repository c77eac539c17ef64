import { beforeEach, describe, expect, it } from 'vitest';
import type { Claim } from '../../../domain/claims/claim';
import { settleDecidedClaim } from '../../../domain/claims/settle-decided-claim';
import { ClosedPeriodError } from '../../../domain/ledger/accounting-period';
import { buildCheckbooks } from '../../../domain/ledger/checkbook';
import { BusinessRuleError } from '../../../domain/shared/errors';
import { fixedClock } from '../../support/in-memory-record-store';
import { accountingPeriodStore, InMemoryAccrualLedger } from '../accrual-runs/fakes';
import { posting } from '../ledger/builders';
import { claim } from './builders';
import { InMemoryClaimFunds, InMemoryClaimStore } from './fakes';

let periods: ReturnType<typeof accountingPeriodStore>;
let ledger: InMemoryAccrualLedger;
let claimFunds: InMemoryClaimFunds;
const clock = fixedClock('2026-04-20T09:00:00.000Z');

/** A validated claim of 100.00 reserved against 250.00 earned. */
async function reserved(overrides: Partial<Claim> = {}): Promise<Claim> {
  const validated = claim(overrides);
  expect((await claimFunds.reserve(validated, 25000n - 10000n)).kind).toBe('reserved');
  return validated;
}

const decided = (validated: Claim, status: Claim['status'], amountApproved?: string): Claim => ({
  ...validated,
  status,
  ...(amountApproved === undefined ? {} : { amountApproved }),
  version: validated.version + 2,
});

beforeEach(() => {
  periods = accountingPeriodStore();
  ledger = new InMemoryAccrualLedger(periods);
  ledger.seed(posting('accrual', { amount: '250.00', beneficiaryPartnerId: 'P1', partnerId: 'P1' }));
  claimFunds = new InMemoryClaimFunds(new InMemoryClaimStore(), ledger);
});

describe('settleDecidedClaim', () => {
  it('approved 100.00 of 100.00: one claim posting of 100.00, reservation gone, 100.00 stays drawn', async () => {
    const approved = decided(await reserved(), 'approved', '100.00');
    await settleDecidedClaim({ claimFunds, clock }, approved);
    const claims = ledger.all().filter((each) => each.kind === 'claim');
    expect(claims).toEqual([
      expect.objectContaining({
        postingId: 'claim#CLM-1',
        claimId: 'CLM-1',
        amount: '100.00',
        postedOn: '2026-04-20',
      }),
    ]);
    expect(await claimFunds.draws(approved)).toEqual({ reserved: 0n, settled: 10000n, drawn: 10000n });
    const [book] = buildCheckbooks(ledger.all());
    expect(book).toMatchObject({ earned: '250.00', claimed: '100.00', availableToClaim: '150.00' });
  });

  it('partially approved 60.00 of 100.00: posts 60.00 and frees the other 40.00', async () => {
    const partial = decided(await reserved(), 'partiallyApproved', '60.00');
    await settleDecidedClaim({ claimFunds, clock }, partial);
    expect(
      ledger
        .all()
        .filter((each) => each.kind === 'claim')
        .map((each) => each.amount),
    ).toEqual(['60.00']);
    expect(await claimFunds.draws(partial)).toEqual({ reserved: 0n, settled: 6000n, drawn: 6000n });
  });

  it('rejected: posts nothing and releases the whole reservation', async () => {
    const rejected = decided(await reserved(), 'rejected');
    await settleDecidedClaim({ claimFunds, clock }, rejected);
    expect(ledger.all().filter((each) => each.kind === 'claim')).toEqual([]);
    expect(await claimFunds.draws(rejected)).toEqual({ reserved: 0n, settled: 0n, drawn: 0n });
  });

  it('settled twice (a retried workflow step): one posting and one release', async () => {
    const approved = decided(await reserved(), 'approved', '100.00');
    await settleDecidedClaim({ claimFunds, clock }, approved);
    await settleDecidedClaim({ claimFunds, clock: fixedClock('2026-04-21T09:00:00.000Z') }, approved);
    expect(ledger.all().filter((each) => each.kind === 'claim')).toHaveLength(1);
    expect(claimFunds.releases).toBe(1);
    expect(await claimFunds.draws(approved)).toEqual({ reserved: 0n, settled: 10000n, drawn: 10000n });
  });

  it('settled in a closed accounting month: nothing posted, the reservation still held; reopened, settled once', async () => {
    const approved = decided(await reserved(), 'partiallyApproved', '30.00');
    const april = {
      month: '2026-04',
      status: 'closed' as const,
      history: [],
      version: 1,
      createdAt: '',
      updatedAt: '',
    };
    periods.records.set('2026-04', april);
    await expect(settleDecidedClaim({ claimFunds, clock }, approved)).rejects.toBeInstanceOf(
      ClosedPeriodError,
    );
    expect(ledger.all().filter((each) => each.kind === 'claim')).toEqual([]);
    expect(await claimFunds.draws(approved)).toEqual({ reserved: 10000n, settled: 0n, drawn: 10000n });
    periods.records.set('2026-04', { ...april, status: 'open', version: 2 });
    await settleDecidedClaim({ claimFunds, clock }, approved);
    expect(
      ledger
        .all()
        .filter((each) => each.kind === 'claim')
        .map((each) => each.amount),
    ).toEqual(['30.00']);
    expect(await claimFunds.draws(approved)).toEqual({ reserved: 0n, settled: 3000n, drawn: 3000n });
  });

  it('a run posting into the period at the same moment: neither the run nor the claim posting conflicts', async () => {
    const approved = decided(await reserved(), 'approved', '100.00');
    const before = await ledger.scope('PRG-1', '2026-03');
    await settleDecidedClaim({ claimFunds, clock }, approved);
    await ledger.append('PRG-1', '2026-03', before.sequence, [
      posting('accrual', {
        postingId: 'run#late',
        amount: '5.00',
        beneficiaryPartnerId: 'P1',
        partnerId: 'P1',
      }),
    ]);
    expect(ledger.conflicts).toBe(0);
    expect(ledger.all().filter((each) => each.kind === 'claim')).toHaveLength(1);
  });

  it('200 claims of one program period settled at the same moment: each posted once, none gives up', async () => {
    const approved: Claim[] = [];
    for (let index = 0; index < 200; index++) {
      const line = { lineNumber: 1, amount: '1.00', reference: `INV-R${index}`, evidence: [] };
      const validated = claim({ claimId: `CLM-R${index}`, lines: [line], amountClaimed: '1.00' });
      expect((await claimFunds.reserve(validated, 25000n - 100n)).kind).toBe('reserved');
      approved.push(decided(validated, 'approved', '1.00'));
    }
    await Promise.all(approved.map((each) => settleDecidedClaim({ claimFunds, clock }, each)));
    expect(ledger.all().filter((each) => each.kind === 'claim')).toHaveLength(200);
    expect(await claimFunds.draws(claim())).toEqual({ reserved: 0n, settled: 20000n, drawn: 20000n });
    const [book] = buildCheckbooks(ledger.all());
    expect(book).toMatchObject({ earned: '250.00', claimed: '200.00', availableToClaim: '50.00' });
  });

  it.each([
    ['validated', undefined],
    ['approved', undefined],
    ['approved', '100.01'],
  ] as const)(
    'refuses a claim %s with amountApproved %s: nothing posted, nothing released',
    async (status, amount) => {
      const validated = await reserved();
      await expect(
        settleDecidedClaim({ claimFunds, clock }, decided(validated, status, amount)),
      ).rejects.toBeInstanceOf(BusinessRuleError);
      expect(ledger.all().filter((each) => each.kind === 'claim')).toEqual([]);
      expect(claimFunds.releases).toBe(0);
    },
  );
});
