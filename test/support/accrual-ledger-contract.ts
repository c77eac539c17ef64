import { beforeAll, describe, expect, it } from 'vitest';
import type { AccrualLedger } from '../../domain/accrual-runs/ports';
import { accrualKey } from '../../domain/accruals/accrual-entry';
import { type AccountingPeriod, ClosedPeriodError } from '../../domain/ledger/accounting-period';
import { closeAccountingPeriod } from '../../domain/ledger/accounting-period-use-cases';
import type { RunPosting } from '../../domain/ledger/ledger-posting';
import type { LedgerReader } from '../../domain/ledger/ports';
import { liabilitiesOf } from '../../domain/reports/liabilities';
import type { LiabilitySummaryReader } from '../../domain/reports/ports';
import { VersionConflictError } from '../../domain/shared/errors';
import type { RecordStore } from '../../domain/shared/ports';
import { posting } from '../unit/ledger/builders';
import { checkbookLiabilityRows } from './checkbook-liabilities';

/** A run's accrual posting of `amount` for customer `index` of `partnerId`, in `programId`'s March. */
export function runPosting(
  runId: string,
  index: number,
  partnerId = 'P1',
  amount = '1.00',
  { programId = 'PRG-1', postedOn = '2026-03-31' } = {},
): RunPosting {
  const dimensions = {
    programId,
    period: '2026-03',
    fund: 'rebate' as const,
    beneficiaryPartnerId: partnerId,
    partnerId,
    endCustomerId: `C${index}`,
    billTo: '',
    sku: null,
    uom: null,
    currency: 'USD' as const,
    salesperson: null,
  };
  return {
    kind: 'accrual',
    postingId: `${runId}#${String(index).padStart(4, '0')}`,
    ...dimensions,
    amount,
    postedOn,
    reason: 'new accrual',
    runId,
    accrualKey: accrualKey(dimensions),
    priorPeriod: false,
  };
}

/** The claim posting of `claimId` (what a settled claim posts), in `programId`'s March. */
const claimPostingOf = (claimId: string, programId: string, postedOn = '2026-04-20') =>
  posting('claim', { postingId: `claim#${claimId}`, programId, postedOn, sku: null, uom: null });

/**
 * The AccrualLedger contract, run against the in-memory ledger (unit suite) and the DynamoDB adapter
 * (integration suite): appends go in transactions of 98 postings and liability summaries per accounting month, each moving the
 * scope's sequence; a stale sequence or a posting id already there is a conflict; a closed month refuses its
 * transaction while the ones before it stay applied; the measurement moves with the last transaction.
 */
export function accrualLedgerContract(
  label: string,
  open: () => Promise<{
    ledger: AccrualLedger & LedgerReader;
    accountingPeriods: RecordStore<AccountingPeriod>;
    /** The liability summaries the ledger keeps with its postings. */
    summaries: LiabilitySummaryReader;
  }>,
) {
  describe(`${label} keeps the AccrualLedger contract`, () => {
    let ledger: AccrualLedger & LedgerReader;
    let accountingPeriods: RecordStore<AccountingPeriod>;
    let summaries: LiabilitySummaryReader;

    beforeAll(async () => {
      ({ ledger, accountingPeriods, summaries } = await open());
    });

    it('commits 250 postings of one partner as three transactions (97 + 97 + 56 and their summary), each moving the sequence', async () => {
      const postings = Array.from({ length: 250 }, (_, index) =>
        runPosting('CT-RUN-A', index, 'P1', '1.00', { programId: 'CT-PRG-1' }),
      );
      await ledger.append('CT-PRG-1', '2026-03', 0, postings);
      const scope = await ledger.scope('CT-PRG-1', '2026-03');
      expect(scope.sequence).toBe(3);
      expect(scope.postings).toHaveLength(250);
      expect(await ledger.postingsOfRun('CT-RUN-A')).toHaveLength(250);
    });

    it('refuses a stale sequence and a posting id already there, adding nothing', async () => {
      const other = (runId: string, index: number) =>
        runPosting(runId, index, 'P1', '-0.50', { programId: 'CT-PRG-2' });
      await ledger.append('CT-PRG-2', '2026-03', 0, [other('CT-RUN-B', 1)]);
      await expect(ledger.append('CT-PRG-2', '2026-03', 0, [other('CT-RUN-C', 1)])).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      await expect(ledger.append('CT-PRG-2', '2026-03', 1, [other('CT-RUN-B', 1)])).rejects.toBeInstanceOf(
        VersionConflictError,
      );
      expect(await ledger.scope('CT-PRG-2', '2026-03')).toMatchObject({
        sequence: 1,
        postings: [other('CT-RUN-B', 1)],
      });
    });

    it("refuses a closed month's transaction and keeps the transactions before it", async () => {
      const deps = { accountingPeriods, clock: () => new Date('2026-06-02T09:00:00Z') };
      await closeAccountingPeriod(deps, { userId: 'u-fin', role: 'finance' }, { month: '2026-05' });
      const postings = [
        runPosting('CT-RUN-D', 1, 'P1', '2.00', { programId: 'CT-PRG-3', postedOn: '2026-04-30' }),
        runPosting('CT-RUN-D', 2, 'P1', '3.00', { programId: 'CT-PRG-3', postedOn: '2026-05-31' }),
      ];
      await expect(ledger.append('CT-PRG-3', '2026-03', 0, postings)).rejects.toBeInstanceOf(
        ClosedPeriodError,
      );
      const scope = await ledger.scope('CT-PRG-3', '2026-03');
      expect(scope.sequence).toBe(1);
      expect(scope.postings.map((posting) => posting.postingId)).toEqual(['CT-RUN-D#0001']);
    });

    it('writes an independent posting once by its id, beside a run, without moving the sequence', async () => {
      await ledger.append('CT-PRG-5', '2026-03', 0, [
        runPosting('CT-RUN-E', 1, 'P1', '5.00', { programId: 'CT-PRG-5' }),
      ]);
      await ledger.postIndependent(claimPostingOf('CT-CLM-1', 'CT-PRG-5'));
      await ledger.postIndependent(claimPostingOf('CT-CLM-1', 'CT-PRG-5'));
      // The run read sequence 1 before the claim was posted: its next append still fits.
      await ledger.append('CT-PRG-5', '2026-03', 1, [
        runPosting('CT-RUN-F', 1, 'P1', '1.00', { programId: 'CT-PRG-5' }),
      ]);
      const scope = await ledger.scope('CT-PRG-5', '2026-03');
      expect(scope.sequence).toBe(2);
      expect(scope.postings.map((posting) => posting.postingId).sort()).toEqual([
        'CT-RUN-E#0001',
        'CT-RUN-F#0001',
        'claim#CT-CLM-1',
      ]);
    });

    it('writes 20 independent postings of one period at the same moment, each once', async () => {
      const postings = Array.from({ length: 20 }, (_, index) =>
        claimPostingOf(`CT-CLM-R${index}`, 'CT-PRG-6'),
      );
      await Promise.all([...postings, ...postings].map((posting) => ledger.postIndependent(posting)));
      const scope = await ledger.scope('CT-PRG-6', '2026-03');
      expect(scope.postings.map((posting) => posting.postingId).sort()).toEqual(
        postings.map((posting) => posting.postingId).sort(),
      );
      expect(scope.sequence).toBe(0);
    });

    it('refuses an independent posting dated into a closed month', async () => {
      const deps = { accountingPeriods, clock: () => new Date('2026-09-02T09:00:00Z') };
      await closeAccountingPeriod(deps, { userId: 'u-fin', role: 'finance' }, { month: '2026-08' });
      await expect(
        ledger.postIndependent(claimPostingOf('CT-CLM-2', 'CT-PRG-7', '2026-08-31')),
      ).rejects.toBeInstanceOf(ClosedPeriodError);
      expect((await ledger.scope('CT-PRG-7', '2026-03')).postings).toEqual([]);
    });

    it('keeps the liability summaries equal to the checkbooks through runs, true-ups, claims, payments and retries: P1 125.00 − 10.00 earned, 60.00 claimed and paid → 55.00 open', async () => {
      const program = 'CT-PRG-8';
      const run = (runId: string, index: number, partnerId: string, amount: string) =>
        runPosting(runId, index, partnerId, amount, { programId: program });
      const other = (
        kind: 'trueUp' | 'claim' | 'payment' | 'adjustment',
        postingId: string,
        partnerId: string,
        amount: string,
        fund: 'rebate' | 'coop' = 'rebate',
      ) =>
        posting(kind, {
          programId: program,
          postingId,
          beneficiaryPartnerId: partnerId,
          partnerId,
          amount,
          fund,
          postedOn: '2026-04-20',
        });
      await ledger.append(program, '2026-03', 0, [
        run('CT-RUN-G', 1, 'P1', '100.00'),
        run('CT-RUN-G', 2, 'P2', '40.00'),
        run('CT-RUN-G', 3, 'P1', '25.00'),
      ]);
      await ledger.append(program, '2026-03', 1, [other('trueUp', 'CT-TU-1', 'P1', '-10.00')]);
      const claimP1 = other('claim', 'CT-CLM-P1', 'P1', '60.00');
      // A retried settlement, five claims of P2 at the same moment, and a run posting beside one of them.
      await Promise.all([
        ledger.postIndependent(claimP1),
        ledger.postIndependent(claimP1),
        ...Array.from({ length: 5 }, (_, index) =>
          ledger.postIndependent(other('claim', `CT-CLM-P2-${index}`, 'P2', '1.00')),
        ),
        ledger.append(program, '2026-03', 2, [run('CT-RUN-H', 4, 'P2', '1.00')]),
      ]);
      await ledger.postIndependent(other('payment', 'CT-PAY-1', 'P1', '60.00'));
      await ledger.postIndependent(other('payment', 'CT-PAY-1-VOID', 'P1', '-60.00'));
      await ledger.postIndependent(other('payment', 'CT-PAY-2', 'P1', '60.00'));
      await ledger.postIndependent(other('adjustment', 'CT-ADJ-1', 'P2', '5.00', 'coop'));

      const postingsOf = async (partnerId: string) => ledger.checkbookPostings(partnerId, program);
      const [p1, p2] = [await postingsOf('P1'), await postingsOf('P2')];
      const all = liabilitiesOf(await summaries.liabilitySummaries({ programId: program }), {});
      const own = liabilitiesOf(
        await summaries.liabilitySummaries({ partnerId: 'P1', programId: program }),
        {},
      );

      expect(all.rows).toEqual(checkbookLiabilityRows([...p1, ...p2]));
      expect(own.rows).toEqual(checkbookLiabilityRows(p1));
      expect(all.rows.map(({ partnerId, balance, payable }) => [partnerId, balance, payable])).toEqual([
        ['P1', '55.00', '0.00'],
        ['P2', '46.00', '5.00'],
      ]);
    });

    it('moves the measurement with the append, even one that posts nothing', async () => {
      await ledger.append('CT-PRG-4', 'FY2026-Q4', 0, [], { to: '2026-10-31', runId: 'CT-RUN-OCT' });
      expect(await ledger.measured('CT-PRG-4', 'FY2026-Q4')).toEqual({
        to: '2026-10-31',
        runId: 'CT-RUN-OCT',
      });
      expect(await ledger.scope('CT-PRG-4', 'FY2026-Q4')).toEqual({
        sequence: 1,
        postings: [],
        measured: { to: '2026-10-31', runId: 'CT-RUN-OCT' },
      });
    });
  });
}
