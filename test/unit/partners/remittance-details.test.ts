import { describe, expect, it } from 'vitest';
import { isValidIban, remittanceDetailsSchema } from '../../../domain/partners/remittance-details';

describe('remittance details', () => {
  it.each([
    ['DE89370400440532013000', true],
    ['GB82WEST12345698765432', true],
    ['DE89370400440532013001', false],
    ['DE8937040044053201300', false],
    ['de89370400440532013000', false],
  ])('IBAN %s valid: %s', (iban, valid) => {
    expect(isValidIban(iban)).toBe(valid);
  });

  it('normalises spaces and case, requires exactly one of iban and accountNumber, checks the BIC', () => {
    expect(
      remittanceDetailsSchema.parse({
        accountHolderName: 'P1',
        iban: 'de89 3704 0044 0532 0130 00',
        bic: 'COBADEFF',
      }),
    ).toEqual({ accountHolderName: 'P1', iban: 'DE89370400440532013000', bic: 'COBADEFF' });
    const both = remittanceDetailsSchema.safeParse({
      accountHolderName: 'P1',
      iban: 'DE89370400440532013000',
      accountNumber: '123',
    });
    expect(both.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['iban', 'give exactly one of iban and accountNumber'],
    ]);
    expect(
      remittanceDetailsSchema.safeParse({ accountHolderName: 'P1', accountNumber: '1', bic: 'X' }).success,
    ).toBe(false);
  });
});
