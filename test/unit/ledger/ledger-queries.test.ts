import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { journalTotals } from '../../../domain/ledger/gl-journal';
import { checkbookOf, glJournal, postingsOfRun, runJournal } from '../../../domain/ledger/ledger-queries';
import { ForbiddenError, NotFoundError, ValidationError } from '../../../domain/shared/errors';
import { admin, approver, channelManager, finance, partnerUser } from '../../support/actors';
import { InMemoryAccrualLedger } from '../accrual-runs/fakes';
import { posting, postingsArbitrary } from './builders';

/** P1 earned 100.00 in PRG-1 and claimed 40.00 of it; P2 earned 7.00 in PRG-2; P1 earned 5.00 in PRG-2. */
function ledger() {
  return new InMemoryAccrualLedger().seed(
    posting('accrual', { postingId: 'A-1', beneficiaryPartnerId: 'P1', partnerId: 'P1', amount: '100.00' }),
    posting('claim', { postingId: 'C-1', beneficiaryPartnerId: 'P1', partnerId: 'P1', amount: '40.00' }),
    posting('accrual', {
      postingId: 'A-2',
      programId: 'PRG-2',
      beneficiaryPartnerId: 'P2',
      partnerId: 'P2',
      amount: '7.00',
      postedOn: '2026-03-15',
    }),
    posting('accrual', {
      postingId: 'A-3',
      programId: 'PRG-2',
      beneficiaryPartnerId: 'P1',
      partnerId: 'P1',
      amount: '5.00',
      postedOn: '2026-04-02',
    }),
  );
}

describe('checkbookOf', () => {
  it('shows a partner its own checkbooks, built from the postings it benefits from', async () => {
    // Act
    const books = await checkbookOf(ledger(), partnerUser('P1'), { partnerId: 'P1' });

    // Assert
    expect(
      books.map((book) => [book.programId, book.beneficiaryPartnerId, book.earned, book.claimed]),
    ).toEqual([
      ['PRG-1', 'P1', '100.00', '40.00'],
      ['PRG-2', 'P1', '5.00', '0.00'],
    ]);
    expect(books[0]).toMatchObject({ availableToClaim: '60.00', payable: '40.00', balance: '100.00' });
  });

  it('narrows to one program', async () => {
    const books = await checkbookOf(ledger(), finance, { partnerId: 'P1', programId: 'PRG-2' });
    expect(books.map((book) => book.programId)).toEqual(['PRG-2']);
  });

  it("answers NotFoundError for another partner's checkbook, which staff may read", async () => {
    await expect(checkbookOf(ledger(), partnerUser('P1'), { partnerId: 'P2' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    for (const actor of [channelManager, approver, finance, admin]) {
      expect((await checkbookOf(ledger(), actor, { partnerId: 'P2' })).map((book) => book.earned)).toEqual([
        '7.00',
      ]);
    }
  });
});

describe('glJournal', () => {
  it('journals the postings of the date range as balanced double entries, in date order', async () => {
    // Act
    const lines = await glJournal(ledger(), finance, { from: '2026-03-01', to: '2026-03-31' });

    // Assert
    expect(lines.map((line) => [line.journalId, line.lineNumber, line.debit, line.credit])).toEqual([
      ['JE-A-2', 1, '7.00', '0.00'],
      ['JE-A-2', 2, '0.00', '7.00'],
      ['JE-A-1', 1, '100.00', '0.00'],
      ['JE-A-1', 2, '0.00', '100.00'],
      ['JE-C-1', 1, '40.00', '0.00'],
      ['JE-C-1', 2, '0.00', '40.00'],
    ]);
    expect(journalTotals(lines)).toEqual([{ currency: 'USD', debit: '147.00', credit: '147.00' }]);
  });

  it('keeps only the days asked for within the months it reads', async () => {
    const lines = await glJournal(ledger(), finance, { from: '2026-03-16', to: '2026-04-30' });
    expect([...new Set(lines.map((line) => line.postingId))]).toEqual(['A-1', 'C-1', 'A-3']);
  });

  it('filters by program and by partner (beneficiary or seller)', async () => {
    const byProgram = await glJournal(ledger(), finance, {
      from: '2026-03-01',
      to: '2026-04-30',
      programId: 'PRG-2',
    });
    const byPartner = await glJournal(ledger(), approver, {
      from: '2026-03-01',
      to: '2026-04-30',
      partnerId: 'P2',
    });

    expect([...new Set(byProgram.map((line) => line.postingId))]).toEqual(['A-2', 'A-3']);
    expect([...new Set(byPartner.map((line) => line.postingId))]).toEqual(['A-2']);
  });

  it('accepts 1 to 24 months', async () => {
    await expect(glJournal(ledger(), admin, { from: '2026-03-31', to: '2026-03-31' })).resolves.toHaveLength(
      4,
    );
    await expect(glJournal(ledger(), admin, { from: '2025-01-01', to: '2026-12-31' })).resolves.toHaveLength(
      8,
    );
  });

  it.each([
    ['more than 24 months', '2025-01-01', '2027-01-01'],
    ['a to before from, in an earlier month', '2026-03-01', '2026-02-28'],
    ['a to before from, in the same month', '2026-03-20', '2026-03-10'],
  ])('refuses %s with ValidationError naming `to`', async (_case, from, to) => {
    const error = await glJournal(ledger(), finance, { from, to }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((issue) => issue.path)).toEqual(['to']);
  });

  it('is for finance, approvers and admins only', async () => {
    const range = { from: '2026-03-01', to: '2026-03-31' };
    await expect(glJournal(ledger(), channelManager, range)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(glJournal(ledger(), partnerUser('P1'), range)).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('always balances per currency and carries every posting of the range twice (property)', async () => {
    await fc.assert(
      fc.asyncProperty(postingsArbitrary, async (postings) => {
        const lines = await glJournal(new InMemoryAccrualLedger().seed(...postings), finance, {
          from: '2026-01-01',
          to: '2026-03-31',
        });

        expect(lines).toHaveLength(postings.length * 2);
        for (const totals of journalTotals(lines)) expect(totals.debit).toBe(totals.credit);
      }),
      { numRuns: 50 },
    );
  });
});

describe('postingsOfRun', () => {
  it("lists a run's postings to staff and refuses partners", async () => {
    const reader = ledger();
    expect((await postingsOfRun(reader, finance, 'RUN-1')).map((item) => item.postingId)).toEqual([
      'A-1',
      'A-2',
      'A-3',
    ]);
    await expect(postingsOfRun(reader, partnerUser('P1'), 'RUN-1')).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('runJournal', () => {
  it("journals exactly one run's postings, balanced, for finance only", async () => {
    // Arrange: the builder's accruals all belong to RUN-1; the claim C-1 belongs to no run
    const books = ledger();

    // Act
    const lines = await runJournal(books, finance, 'RUN-1');

    // Assert
    expect([...new Set(lines.map((line) => line.postingId))]).toEqual(['A-1', 'A-2', 'A-3']);
    expect(journalTotals(lines)).toEqual([{ currency: 'USD', debit: '112.00', credit: '112.00' }]);
    await expect(runJournal(books, channelManager, 'RUN-1')).rejects.toBeInstanceOf(ForbiddenError);
    await expect(runJournal(books, finance, 'RUN-OTHER')).resolves.toEqual([]);
  });
});
