import { describe, expect, it } from 'vitest';
import { parseDeductionCsv } from '../../../domain/deductions/parse-deduction-csv';
import { BusinessRuleError } from '../../../domain/shared/errors';

describe('the deductions CSV import', () => {
  it('takes good lines and rejects each bad one with its reasons, losing none', () => {
    const csv = [
      'reference,partner,invoice,amount,currency,reason',
      'PRM-1,P1,INV-1,120.50,EUR,Q1 rebate',
      ',P2,INV-2,-3,EUR,rebate',
      'PRM-3,P3,,10.00,XXX,rebate',
      'PRM-4,P4,INV-4,0.00,EUR,rebate',
      'PRM-5,P5,INV-5,10.005,EUR,rebate',
      'PRM-6,P6,INV-6,10.5,JPY,rebate',
      '',
    ].join('\r\n');
    const parsed = parseDeductionCsv(csv);
    expect(parsed.lines).toEqual([
      {
        lineNumber: 2,
        line: {
          partner: 'P1',
          invoice: 'INV-1',
          amount: '120.50',
          currency: 'EUR',
          reason: 'Q1 rebate',
          reference: 'PRM-1',
        },
      },
    ]);
    expect(parsed.rejected.map((line) => [line.lineNumber, line.reasons.map((r) => r.field).sort()])).toEqual(
      [
        [3, ['amount']],
        [4, ['currency', 'invoice']],
        [5, ['amount']],
        [6, ['amount']],
        [7, ['amount']],
      ],
    );
  });

  it('refuses a file without a required column or without a header', () => {
    expect(() => parseDeductionCsv('partner,invoice,amount\nP1,I,1')).toThrow(BusinessRuleError);
    expect(() => parseDeductionCsv('')).toThrow(/empty/);
  });
});
