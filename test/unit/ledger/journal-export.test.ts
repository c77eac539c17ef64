import { describe, expect, it } from 'vitest';
import { defaultChartOfAccounts } from '../../../domain/ledger/chart-of-accounts';
import { journalFor } from '../../../domain/ledger/gl-journal';
import { journalToCsv, journalToJson } from '../../../domain/ledger/journal-export';
import { filterLedger } from '../../../domain/ledger/ledger-filter';
import { posting } from './builders';

describe('journalToCsv', () => {
  it('writes one row per line under a header', () => {
    const csv = journalToCsv(journalFor([posting('claim', { amount: '7.50' })]));

    expect(csv.split('\r\n')).toEqual([
      'journalId,lineNumber,postedOn,period,account,accountName,debit,credit,currency,fund,businessUnit,programId,beneficiaryPartnerId,partnerId,postingId,kind,memo',
      'JE-claim-1,1,2026-03-31,2026-03,2310,Accrued rebates,7.50,0.00,USD,rebate,,PRG-1,P1,P1,claim-1,claim,Claim CLM-1: claim reason',
      'JE-claim-1,2,2026-03-31,2026-03,2000,Accounts payable,0.00,7.50,USD,rebate,,PRG-1,P1,P1,claim-1,claim,Claim CLM-1: claim reason',
      '',
    ]);
  });

  it('escapes cells a spreadsheet would run as a formula and quotes separators', () => {
    const chart = { ...defaultChartOfAccounts, cash: { code: '1000', name: '=HYPERLINK("http://x")' } };
    const lines = journalFor(
      [posting('payment', { postingId: '@SUM(A1)', reason: 'paid, "in full"\nby wire' })],
      chart,
    );

    const [, , cashRow] = journalToCsv(lines).split('\r\n');

    expect(cashRow).toContain(`,"'=HYPERLINK(""http://x"")",`);
    expect(cashRow).toContain(`,'@SUM(A1),payment,`);
    expect(journalToCsv(lines)).toContain(`"Payment PAY-1: paid, ""in full""\nby wire"`);
  });
});

describe('journalToJson', () => {
  it('groups lines into entries and totals each currency', () => {
    const lines = journalFor([
      posting('accrual', { amount: '10.00', postingId: 'A' }),
      posting('payment', { amount: '-3.00', postingId: 'B' }),
      posting('accrual', { amount: '500', currency: 'JPY', postingId: 'C' }),
    ]);

    const json = journalToJson(lines);

    expect(json.entries.map((entry) => [entry.journalId, entry.currency, entry.lines.length])).toEqual([
      ['JE-A', 'USD', 2],
      ['JE-B', 'USD', 2],
      ['JE-C', 'JPY', 2],
    ]);
    expect(json.entries[1]?.lines).toEqual([
      { lineNumber: 1, account: '1000', accountName: 'Cash', debit: '3.00', credit: '0.00' },
      { lineNumber: 2, account: '2000', accountName: 'Accounts payable', debit: '0.00', credit: '3.00' },
    ]);
    expect(json.totals).toEqual([
      { currency: 'JPY', debit: '500', credit: '500' },
      { currency: 'USD', debit: '13.00', credit: '13.00' },
    ]);
  });
});

describe('filterLedger', () => {
  const postings = [
    posting('accrual', { postingId: 'FEB', postedOn: '2026-02-28', period: '2026-02' }),
    posting('accrual', { postingId: 'MAR', postedOn: '2026-03-01' }),
    posting('claim', { postingId: 'OTHER-PROGRAM', postedOn: '2026-03-15', programId: 'PRG-2' }),
    posting('accrual', {
      postingId: 'RESELLER',
      postedOn: '2026-03-31',
      beneficiaryPartnerId: 'P1',
      partnerId: 'P9',
    }),
    posting('payment', {
      postingId: 'APRIL',
      postedOn: '2026-04-01',
      beneficiaryPartnerId: 'P2',
      partnerId: 'P2',
    }),
  ];
  const ids = (items: readonly { postingId: string }[]) => items.map((item) => item.postingId);

  it('filters by accounting date range (inclusive), period, program and partner', () => {
    expect(ids(filterLedger(postings, { postedFrom: '2026-03-01', postedTo: '2026-03-31' }))).toEqual([
      'MAR',
      'OTHER-PROGRAM',
      'RESELLER',
    ]);
    expect(ids(filterLedger(postings, { period: '2026-02' }))).toEqual(['FEB']);
    expect(ids(filterLedger(postings, { programId: 'PRG-2' }))).toEqual(['OTHER-PROGRAM']);
    expect(ids(filterLedger(postings, { partnerId: 'P9' }))).toEqual(['RESELLER']);
    expect(ids(filterLedger(postings, { partnerId: 'P2', postedFrom: '2026-04-01' }))).toEqual(['APRIL']);
    expect(filterLedger(postings, {})).toEqual(postings);
  });

  it('keeps journal entries whole', () => {
    const lines = filterLedger(journalFor(postings), { programId: 'PRG-1', postedTo: '2026-03-31' });

    expect(lines.map((line) => `${line.postingId}/${line.lineNumber}`)).toEqual([
      'FEB/1',
      'FEB/2',
      'MAR/1',
      'MAR/2',
      'RESELLER/1',
      'RESELLER/2',
    ]);
  });
});
