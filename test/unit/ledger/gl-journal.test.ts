import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultChartOfAccounts } from '../../../domain/ledger/chart-of-accounts';
import { assertJournalBalanced, journalFor, journalTotals } from '../../../domain/ledger/gl-journal';
import type { LedgerPostingKind } from '../../../domain/ledger/ledger-posting';
import { BusinessRuleError } from '../../../domain/shared/errors';
import { posting, postingsArbitrary } from './builders';

function sides(kind: LedgerPostingKind, amount: string, fund: 'rebate' | 'coop' | 'spif' = 'rebate') {
  return journalFor([posting(kind, { amount, fund })]).map((line) => [
    line.lineNumber,
    line.accountName,
    line.debit,
    line.credit,
  ]);
}

describe('journalFor', () => {
  it.each([
    ['accrual', 'rebate', 'Rebate expense', 'Accrued rebates'],
    ['trueUp', 'coop', 'Co-op marketing expense', 'Co-op fund liability'],
    ['adjustment', 'spif', 'SPIF expense', 'SPIF payable'],
    ['claim', 'rebate', 'Accrued rebates', 'Accounts payable'],
    ['payment', 'coop', 'Accounts payable', 'Cash'],
  ] as const)('%s (%s): debits %s, credits %s; a reversal swaps them', (kind, fund, debited, credited) => {
    expect(sides(kind, '12.30', fund)).toEqual([
      [1, debited, '12.30', '0.00'],
      [2, credited, '0.00', '12.30'],
    ]);
    expect(sides(kind, '-12.30', fund)).toEqual([
      [1, credited, '12.30', '0.00'],
      [2, debited, '0.00', '12.30'],
    ]);
  });

  it('carries the posting on every line and explains it in the memo', () => {
    const [first, second] = journalFor([
      posting('trueUp', {
        amount: '-5',
        currency: 'JPY',
        postingId: 'RUN-1#000001',
        priorPeriod: true,
        businessUnit: 'NETWORKING',
      }),
    ]);

    expect(first).toEqual({
      journalId: 'JE-RUN-1#000001',
      lineNumber: 1,
      postingId: 'RUN-1#000001',
      kind: 'trueUp',
      postedOn: '2026-03-31',
      period: '2026-03',
      fund: 'rebate',
      account: '2310',
      accountName: 'Accrued rebates',
      debit: '5',
      credit: '0',
      currency: 'JPY',
      programId: 'PRG-1',
      businessUnit: 'NETWORKING',
      beneficiaryPartnerId: 'P1',
      partnerId: 'P1',
      memo: 'True-up, run RUN-1 (prior period): trueUp reason',
    });
    expect(second).toMatchObject({
      journalId: 'JE-RUN-1#000001',
      lineNumber: 2,
      account: '6100',
      credit: '5',
    });
  });

  it('uses an overridden chart of accounts', () => {
    const chart = { ...defaultChartOfAccounts, cash: { code: '1010', name: 'Operating bank' } };

    const lines = journalFor([posting('payment')], chart);

    expect(lines.map((line) => line.account)).toEqual(['2000', '1010']);
  });

  it('property: every journal of any postings balances per entry and per currency', () => {
    fc.assert(
      fc.property(postingsArbitrary, (postings) => {
        const lines = journalFor(postings);

        expect(() => assertJournalBalanced(lines)).not.toThrow();
        for (const totals of journalTotals(lines)) expect(totals.debit).toBe(totals.credit);
        expect(lines).toHaveLength(postings.length * 2);
      }),
    );
  });
});

describe('assertJournalBalanced', () => {
  const [debitLine, creditLine] = journalFor([posting('accrual', { amount: '10.00' })]);
  if (debitLine === undefined || creditLine === undefined) throw new Error('expected two lines');

  it('refuses an entry whose debits differ from its credits', () => {
    const lines = [debitLine, { ...creditLine, credit: '9.99' }];

    expect(() => assertJournalBalanced(lines)).toThrow(BusinessRuleError);
    expect(() => assertJournalBalanced(lines)).toThrow(
      expect.objectContaining({
        issues: [{ path: 'journalId', message: 'entry JE-accrual-1: debits 10.00 ≠ credits 9.99 USD' }],
      }),
    );
  });

  it('refuses entries that balance only across currencies or across entries', () => {
    expect(() => assertJournalBalanced([debitLine, { ...creditLine, currency: 'EUR' }])).toThrow(
      BusinessRuleError,
    );
    expect(() => assertJournalBalanced([debitLine, { ...creditLine, journalId: 'JE-other' }])).toThrow(
      BusinessRuleError,
    );
  });

  it.each([
    ['a negative amount', { debit: '-10.00', credit: '0.00' }],
    ['both sides nonzero', { debit: '10.00', credit: '10.00' }],
    ['neither side nonzero', { debit: '0.00', credit: '0.00' }],
    ['the wrong minor units', { debit: '10', credit: '0' }],
  ])('refuses a line with %s', (_case, amounts) => {
    expect(() => assertJournalBalanced([{ ...debitLine, ...amounts }, creditLine])).toThrow(
      expect.objectContaining({ issues: [expect.objectContaining({ path: 'lines.0' })] }),
    );
  });
});
