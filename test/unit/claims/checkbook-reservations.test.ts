import { describe, expect, it } from 'vitest';
import { withReservations } from '../../../domain/claims/checkbook-reservations';
import { buildCheckbooks } from '../../../domain/ledger/checkbook';
import { posting } from '../ledger/builders';

describe('withReservations', () => {
  it('pending claims lower availableToClaim of their period and in total; other periods and partners untouched', () => {
    const books = buildCheckbooks([
      posting('accrual', { period: '2026-03', amount: '250.00', postingId: 'a-1' }),
      posting('accrual', { period: '2026-04', amount: '40.00', postingId: 'a-2' }),
    ]);
    const scope = { programId: 'PRG-1', fund: 'rebate' as const, currency: 'USD' as const };
    const [book] = withReservations(books, [
      { ...scope, partnerId: 'P1', period: '2026-03', reserved: 10050n, settled: 2000n, drawn: 12050n },
      { ...scope, partnerId: 'P2', period: '2026-03', reserved: 999n, settled: 0n, drawn: 999n },
    ]);
    expect(book).toMatchObject({ reserved: '100.50', availableToClaim: '189.50' });
    expect(
      book?.periods.map(({ period, reserved, availableToClaim }) => [period, reserved, availableToClaim]),
    ).toEqual([
      ['2026-03', '100.50', '149.50'],
      ['2026-04', '0.00', '40.00'],
    ]);
  });
});
