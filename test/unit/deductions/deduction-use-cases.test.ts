import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/access/actor';
import { agingBucketOf } from '../../../domain/deductions/deduction-aging';
import { matchDeductionToClaims, writeOffDeduction } from '../../../domain/deductions/deduction-decisions';
import { getDeduction, listDeductions } from '../../../domain/deductions/deduction-queries';
import { importDeductions } from '../../../domain/deductions/import-deductions';
import { buildCheckbooks } from '../../../domain/ledger/checkbook';
import { assertJournalBalanced, journalFor } from '../../../domain/ledger/gl-journal';
import { buildPaymentBatch } from '../../../domain/payments/build-payment-batch';
import { BusinessRuleError, ForbiddenError, StateConflictError } from '../../../domain/shared/errors';
import { approver, finance, partnerUser } from '../../support/actors';
import { claimPosting, paidPartner, payableClaim } from '../payments/builders';
import { deductionDeps } from './fakes';

const header = 'partner,invoice,amount,currency,reason,reference';
const secondFinance: Actor = { userId: 'u-fin-2', role: 'finance' };

async function seeded(...claims: [string, string, string?][]) {
  const deps = deductionDeps();
  for (const [claimId, amount, partnerId = 'P1'] of claims) {
    await deps.claims.create(payableClaim(claimId, { partnerId, amountApproved: amount }));
    deps.ledger.seed(claimPosting(claimId, amount, partnerId));
  }
  return deps;
}

describe('importing deductions', () => {
  it('rejects bad lines with line, field and reason, keeps the rest, and a repeated line is a duplicate', async () => {
    const deps = await seeded();
    const csv = [
      header,
      'P1,INV-1,10.00,EUR,rebate,',
      'P1,INV-2,-5,EUR,rebate,',
      'P1,INV-1,10.0,EUR,rebate,',
    ].join('\n');

    const result = await importDeductions(deps, finance, csv);

    expect(result).toMatchObject({ imported: 1, duplicates: 1, matchedAutomatically: 0, open: 1 });
    expect(result.rejected).toEqual([
      { lineNumber: 3, field: 'amount', reason: expect.stringContaining('positive decimal') },
    ]);
    const [created] = result.deductions;
    expect(result.duplicateLines).toEqual([{ lineNumber: 4, deductionId: created?.deductionId }]);
    const again = await importDeductions(deps, finance, csv);
    expect(again).toMatchObject({ imported: 0, duplicates: 2 });
    expect(deps.deductions.deductions.size).toBe(1);
  });

  it('a unique match settles the claim at once: paid by deduction, AP → receivable posted, journal balanced', async () => {
    const deps = await seeded(['C1', '100.00'], ['C2', '250.00']);

    const result = await importDeductions(deps, finance, `${header}\nP1,INV-9,100.03,EUR,Q1 rebate,`);

    expect(result).toMatchObject({ imported: 1, matchedAutomatically: 1, open: 0 });
    const [deduction] = result.deductions;
    expect(deduction).toMatchObject({
      status: 'matched',
      matches: [{ claimId: 'C1', amount: '100.00' }],
      matched: { automatic: true, difference: '0.03', by: { userId: 'u-fin' } },
    });
    const claim = deps.claims.claims.get('C1');
    expect(claim).toMatchObject({
      status: 'paid',
      settledBy: 'deduction',
      deductionSettlements: [{ deductionId: deduction?.deductionId, amount: '100.00' }],
    });
    expect(claim?.history.at(-1)).toMatchObject({ from: 'approved', to: 'paid' });
    const postings = deps.ledger.all();
    expect(postings.filter((posting) => posting.kind === 'payment')).toEqual([
      expect.objectContaining({
        postingId: `DED-${deduction?.deductionId}-C1`,
        amount: '100.00',
        settledAgainst: 'receivable',
      }),
    ]);
    expect(() => assertJournalBalanced(journalFor(postings))).not.toThrow();
    const [book] = buildCheckbooks(postings);
    expect([book?.claimed, book?.paid, book?.payable]).toEqual(['350.00', '100.00', '250.00']);
  });

  it('an ambiguous match stays open with its candidates; the reference decides when it names one claim', async () => {
    const deps = await seeded(['C1', '100.00'], ['C2', '100.00']);

    const result = await importDeductions(
      deps,
      finance,
      `${header}\nP1,INV-9,100.00,EUR,rebate,\nP1,INV-10,100.00,EUR,rebate,INV-C2`,
    );

    expect(result).toMatchObject({ imported: 2, matchedAutomatically: 1, open: 1 });
    expect(result.deductions[0]).toMatchObject({ status: 'open', candidateClaimIds: ['C1', 'C2'] });
    expect(result.deductions[1]).toMatchObject({ status: 'matched', matches: [{ claimId: 'C2' }] });
  });

  it('a line repeated within the file is a duplicate of its first occurrence, itself possibly imported before', async () => {
    const deps = await seeded();
    const earlier = await importDeductions(deps, finance, `${header}\nP1,INV-1,10.00,EUR,rebate,`);
    const storedId = earlier.deductions[0]?.deductionId;

    const result = await importDeductions(
      deps,
      finance,
      [
        header,
        'P1,INV-1,10.00,EUR,rebate,',
        'P1,INV-2,3.00,EUR,rebate,',
        'P1,INV-1,10,EUR,again,',
        'P1,INV-2,3,EUR,x,',
      ].join('\n'),
    );

    const newId = result.deductions[0]?.deductionId;
    expect(result).toMatchObject({ imported: 1, duplicates: 3 });
    expect(result.duplicateLines).toEqual([
      { lineNumber: 2, deductionId: storedId },
      { lineNumber: 4, deductionId: storedId },
      { lineNumber: 5, deductionId: newId },
    ]);
    expect(deps.deductions.deductions.size).toBe(2);
  });

  it('refuses a file of more than 5,000 deductions (422), storing none', async () => {
    const deps = await seeded();
    const lines = Array.from({ length: 5_001 }, (_, index) => `P1,INV-${index},1.00,EUR,rebate,`);

    await expect(importDeductions(deps, finance, [header, ...lines].join('\n'))).rejects.toThrow(
      /at most 5000 deductions/,
    );
    expect(deps.deductions.deductions.size).toBe(0);
  });

  it('only finance or an admin imports', async () => {
    const deps = await seeded();
    await expect(importDeductions(deps, approver, header)).rejects.toThrow(ForbiddenError);
    await expect(importDeductions(deps, partnerUser('P1'), header)).rejects.toThrow(ForbiddenError);
  });
});

async function openDeduction(deps: Awaited<ReturnType<typeof seeded>>, line: string) {
  const [deduction] = (await importDeductions(deps, finance, `${header}\n${line}`)).deductions;
  if (deduction?.status !== 'open') throw new Error('expected an open deduction');
  return deduction.deductionId;
}

describe('matching by hand', () => {
  it('splits across claims: one paid in full, the other payable for the rest, which a batch then pays', async () => {
    const deps = await seeded(['C1', '60.00'], ['C2', '90.00']);
    const id = await openDeduction(deps, 'P1,INV-7,100.00,EUR,rebates,');

    const { deduction, claims } = await matchDeductionToClaims(deps, finance, id, [
      { claimId: 'C1', amount: '60.00' },
      { claimId: 'C2', amount: '40.00' },
    ]);

    expect(deduction).toMatchObject({ status: 'matched', matched: { automatic: false, difference: '0.00' } });
    expect(claims.map((claim) => claim.status)).toEqual(['paid', 'approved']);
    const batch = buildPaymentBatch({
      batchId: 'PB-1',
      request: { currency: 'EUR', method: 'check', payableUpTo: '2026-03-01' },
      createdBy: { userId: 'u-fin', role: 'finance' },
      createdAt: '2026-03-01T12:00:00.000Z',
      claims: [...deps.claims.claims.values()],
      partners: new Map([['P1', paidPartner('P1')]]),
    });
    expect(batch.payments[0]?.claims).toEqual([expect.objectContaining({ claimId: 'C2', amount: '50.00' })]);
    const [book] = buildCheckbooks(deps.ledger.all());
    expect([book?.paid, book?.payable]).toEqual(['100.00', '50.00']);
  });

  it('a deduction matched or written off twice: the second decision is 409', async () => {
    const deps = await seeded(['C1', '60.00'], ['C2', '90.00']);
    const id = await openDeduction(deps, 'P1,INV-7,100.00,EUR,rebates,');

    const results = await Promise.allSettled([
      matchDeductionToClaims(deps, finance, id, [
        { claimId: 'C1', amount: '60.00' },
        { claimId: 'C2', amount: '40.00' },
      ]),
      writeOffDeduction(deps, secondFinance, id, { reasonCode: 'unsupported' }),
    ]);

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((result) => result.status === 'rejected')?.reason).toBeInstanceOf(StateConflictError);
  });

  it('a match whose postings were lost (process died after the transaction) is completed by the next attempt', async () => {
    const deps = await seeded();
    const id = await openDeduction(deps, 'P1,INV-7,60.00,EUR,rebate,');
    await deps.claims.create(payableClaim('C1', { amountApproved: '60.00' }));
    const open = deps.deductions.deductions.get(id);
    if (open === undefined) throw new Error('imported');
    const matches = [
      { claimId: 'C1', programId: 'PRG-1', period: '2026-01', fund: 'rebate', amount: '60.00' },
    ] as const;
    const matched = {
      ...open,
      status: 'matched',
      matches,
      matched: {
        by: { userId: 'u-fin', role: 'finance' },
        at: '2026-03-01T12:00:00.000Z',
        automatic: false,
        difference: '0.00',
      },
      version: 2,
    } as const;
    expect(await deps.deductions.settle(matched, [])).toBe(true);

    await expect(
      matchDeductionToClaims(deps, finance, id, [{ claimId: 'C1', amount: '60.00' }]),
    ).rejects.toThrow(StateConflictError);
    expect(deps.ledger.all().filter((posting) => posting.kind === 'payment')).toEqual([
      expect.objectContaining({ postingId: `DED-${id}-C1`, amount: '60.00', settledAgainst: 'receivable' }),
    ]);
  });

  it('a claim a payment batch scheduled cannot be matched (409) and nothing is written', async () => {
    const deps = await seeded(['C1', '60.00'], ['C2', '90.00']);
    const id = await openDeduction(deps, 'P1,INV-7,100.00,EUR,rebates,');
    const c2 = deps.claims.claims.get('C2');
    if (c2 === undefined) throw new Error('seeded');
    deps.claims.claims.set('C2', { ...c2, status: 'scheduled', version: c2.version + 1 });

    await expect(
      matchDeductionToClaims(deps, finance, id, [
        { claimId: 'C1', amount: '60.00' },
        { claimId: 'C2', amount: '40.00' },
      ]),
    ).rejects.toThrow(StateConflictError);
    expect(deps.claims.claims.get('C1')?.status).toBe('approved');
    expect((await deps.deductions.get(id))?.status).toBe('open');
    expect(deps.ledger.all().filter((posting) => posting.kind === 'payment')).toEqual([]);
  });
});

describe('writing off', () => {
  it('takes a reason code; `other` needs a note; nothing is posted', async () => {
    const deps = await seeded();
    const id = await openDeduction(deps, 'P1,INV-8,4.99,EUR,pricing,');

    await expect(writeOffDeduction(deps, finance, id, { reasonCode: 'other' })).rejects.toThrow(
      BusinessRuleError,
    );
    await expect(writeOffDeduction(deps, approver, id, { reasonCode: 'belowThreshold' })).rejects.toThrow(
      ForbiddenError,
    );
    const written = await writeOffDeduction(deps, finance, id, {
      reasonCode: 'other',
      note: 'agreed by phone',
    });

    expect(written).toMatchObject({
      status: 'writtenOff',
      writeOff: { code: 'other', note: 'agreed by phone', by: { userId: 'u-fin' } },
      version: 2,
    });
    expect(deps.ledger.all()).toEqual([]);
    await expect(writeOffDeduction(deps, finance, id, { reasonCode: 'unsupported' })).rejects.toThrow(
      StateConflictError,
    );
  });
});

describe('the aging report', () => {
  it('buckets days open at 30, 60 and 90', () => {
    expect([0, 30, 31, 60, 61, 90, 91].map(agingBucketOf)).toEqual([
      '0-30',
      '0-30',
      '31-60',
      '31-60',
      '61-90',
      '61-90',
      '>90',
    ]);
  });

  it('lists open deductions oldest first with age and bucket, for staff only', async () => {
    const deps = await seeded();
    const id = await openDeduction(deps, 'P1,INV-8,4.99,EUR,pricing,');
    const stored = deps.deductions.deductions.get(id);
    if (stored === undefined) throw new Error('imported');
    deps.deductions.deductions.set(id, { ...stored, importedAt: '2025-11-15T08:00:00.000Z' });
    await openDeduction(deps, 'P1,INV-9,5.99,EUR,pricing,');

    const page = await listDeductions(deps, approver, 'open', { limit: 10 });

    expect(
      page.items.map((item) => [item.invoice, 'ageInDays' in item ? item.ageInDays : undefined]),
    ).toEqual([
      ['INV-8', 106],
      ['INV-9', 0],
    ]);
    expect(page.items[0]).toMatchObject({ agingBucket: '>90' });
    await expect(listDeductions(deps, partnerUser('P1'), 'open', { limit: 10 })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(getDeduction(deps, partnerUser('P1'), id)).rejects.toThrow(ForbiddenError);
  });
});
