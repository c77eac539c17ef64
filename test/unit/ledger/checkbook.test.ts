import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCheckbooks } from '../../../domain/ledger/checkbook';
import { Money } from '../../../domain/shared/money/money';
import { posting, postingsArbitrary } from './builders';

describe('buildCheckbooks', () => {
  it('derives balance, payable and available to claim from each kind of posting', () => {
    const postings = [
      posting('accrual', { amount: '100.00', period: '2026-02' }),
      posting('trueUp', { amount: '-10.00', period: '2026-02' }),
      posting('accrual', { amount: '50.00' }),
      posting('adjustment', { amount: '5.25' }),
      posting('claim', { amount: '80.00' }),
      posting('payment', { amount: '60.00' }),
    ];

    const [book, ...others] = buildCheckbooks(postings);

    expect(others).toEqual([]);
    expect(book).toMatchObject({
      programId: 'PRG-1',
      beneficiaryPartnerId: 'P1',
      fund: 'rebate',
      currency: 'USD',
      earned: '140.00',
      adjustments: '5.25',
      claimed: '80.00',
      paid: '60.00',
      payable: '20.00',
      balance: '85.25',
      availableToClaim: '65.25',
    });
    expect(
      book?.periods.map(({ period, earned, availableToClaim }) => [period, earned, availableToClaim]),
    ).toEqual([
      ['2026-02', '90.00', '90.00'],
      ['2026-03', '50.00', '-24.75'],
    ]);
  });

  it('keeps currencies, funds and beneficiaries in separate checkbooks', () => {
    const books = buildCheckbooks([
      posting('accrual', { amount: '1.00' }),
      posting('accrual', { amount: '100', currency: 'JPY' }),
      posting('accrual', { amount: '2.00', fund: 'coop' }),
      posting('accrual', { amount: '3.00', beneficiaryPartnerId: 'P2' }),
    ]);

    expect(books.map((book) => [book.beneficiaryPartnerId, book.fund, book.currency, book.earned])).toEqual([
      ['P1', 'coop', 'USD', '2.00'],
      ['P1', 'rebate', 'JPY', '100'],
      ['P1', 'rebate', 'USD', '1.00'],
      ['P2', 'rebate', 'USD', '3.00'],
    ]);
  });

  it('property: the balance equals the sum of its postings, and periods add up to the checkbook', () => {
    fc.assert(
      fc.property(postingsArbitrary, (postings) => {
        for (const book of buildCheckbooks(postings)) {
          const own = postings.filter(
            (item) =>
              item.programId === book.programId &&
              item.beneficiaryPartnerId === book.beneficiaryPartnerId &&
              item.fund === book.fund &&
              item.currency === book.currency,
          );
          // decimal.js as an independent oracle for the integer path.
          const expected = own.reduce(
            (sum, item) =>
              item.kind === 'claim'
                ? sum
                : item.kind === 'payment'
                  ? sum.minus(item.amount)
                  : sum.plus(item.amount),
            new Money(0),
          );
          expect(new Money(book.balance).eq(expected)).toBe(true);
          const periodSum = (field: 'balance' | 'availableToClaim') =>
            book.periods.reduce((sum, period) => sum.plus(period[field]), new Money(0));
          expect(periodSum('balance').eq(book.balance)).toBe(true);
          expect(periodSum('availableToClaim').eq(book.availableToClaim)).toBe(true);
        }
      }),
    );
  });
});
