import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/access/actor';
import { buildCheckbooks } from '../../../domain/ledger/checkbook';
import { assertJournalBalanced, journalFor } from '../../../domain/ledger/gl-journal';
import { createPaymentBatch } from '../../../domain/payments/create-payment-batch';
import {
  approvePaymentBatch,
  exportPaymentBatch,
  markPaymentBatchPaid,
  returnPayment,
} from '../../../domain/payments/settle-payment-batch';
import { ForbiddenError, StateConflictError } from '../../../domain/shared/errors';
import { fromMinorUnits, toMinorUnits } from '../../../domain/shared/money/minor-units';
import { approver, finance, partnerUser } from '../../support/actors';
import { claimPosting, paidPartner, payableClaim } from './builders';
import { paymentDeps } from './fakes';

const secondFinance: Actor = { userId: 'u-fin-2', role: 'finance' };
const transfer = { currency: 'EUR', method: 'bankTransfer', payableUpTo: '2026-02-28' } as const;

async function seeded(method: 'bankTransfer' | 'check' | 'creditMemo' = 'bankTransfer') {
  const deps = paymentDeps();
  await deps.partners.create(paidPartner('P1'));
  await deps.partners.create(paidPartner('P2'));
  for (const [claimId, partnerId, amount] of [
    ['C1', 'P1', '100.10'],
    ['C2', 'P1', '0.20'],
    ['C3', 'P2', '5.00'],
  ] as const) {
    await deps.claims.create(payableClaim(claimId, { partnerId, amountApproved: amount }));
    deps.ledger.seed(claimPosting(claimId, amount, partnerId));
  }
  const batch = await createPaymentBatch(deps, finance, { ...transfer, method });
  return { deps, batch };
}

const statuses = (deps: ReturnType<typeof paymentDeps>) =>
  [...deps.claims.claims.values()].map((claim) => `${claim.claimId}:${claim.status}`);

describe('payment batches', () => {
  it('creating a batch schedules its claims, with the batch in their audit trail', async () => {
    const { deps, batch } = await seeded();

    expect(batch.total).toBe('105.30');
    expect(statuses(deps)).toEqual(['C1:scheduled', 'C2:scheduled', 'C3:scheduled']);
    expect(deps.claims.claims.get('C1')?.history.at(-1)).toMatchObject({
      from: 'approved',
      to: 'scheduled',
      by: { userId: 'u-fin' },
      comment: 'payment batch PB-0001',
    });
    expect((await deps.batches.get(batch.batchId))?.payments).toHaveLength(2);
  });

  it('a claim already scheduled by a concurrent batch is left out of the second', async () => {
    const { deps } = await seeded();
    await deps.claims.create(payableClaim('C4', { amountApproved: '1.00' }));

    const second = await createPaymentBatch(deps, secondFinance, transfer);
    expect(second.payments.flatMap((payment) => payment.claims.map((claim) => claim.claimId))).toEqual([
      'C4',
    ]);
    await expect(createPaymentBatch(deps, finance, transfer)).rejects.toThrow('No payable EUR claims');
  });

  it('segregation of duties: the creator may not approve; a partner or approver may not either', async () => {
    const { deps, batch } = await seeded();

    await expect(approvePaymentBatch(deps, finance, batch.batchId)).rejects.toThrow(ForbiddenError);
    await expect(approvePaymentBatch(deps, approver, batch.batchId)).rejects.toThrow(ForbiddenError);
    await expect(approvePaymentBatch(deps, partnerUser('P1'), batch.batchId)).rejects.toThrow(ForbiddenError);
    const approved = await approvePaymentBatch(deps, secondFinance, batch.batchId);
    expect(approved).toMatchObject({ status: 'approved', approvedBy: { userId: 'u-fin-2' } });
  });

  it('two finance users approving at once: one succeeds, the other gets a conflict', async () => {
    const { deps, batch } = await seeded();
    const third: Actor = { userId: 'u-fin-3', role: 'finance' };

    const results = await Promise.allSettled([
      approvePaymentBatch(deps, secondFinance, batch.batchId),
      approvePaymentBatch(deps, third, batch.batchId),
    ]);

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const [failure] = results.filter((result) => result.status === 'rejected');
    expect(failure?.reason).toBeInstanceOf(StateConflictError);
  });

  it('a bank transfer is paid only once exported; paying moves claims to paid, posts AP → cash, publishes once', async () => {
    const { deps, batch } = await seeded();
    await approvePaymentBatch(deps, secondFinance, batch.batchId);
    await expect(markPaymentBatchPaid(deps, finance, batch.batchId)).rejects.toThrow(
      /approved: it cannot be marked paid/,
    );
    const exported = await exportPaymentBatch(deps, finance, batch.batchId);
    expect([exported.status, exported.exportedAt]).toEqual(['exported', '2026-03-01T12:00:00.000Z']);

    const results = await Promise.allSettled([
      markPaymentBatchPaid(deps, finance, batch.batchId),
      markPaymentBatchPaid(deps, secondFinance, batch.batchId),
    ]);

    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(statuses(deps)).toEqual(['C1:paid', 'C2:paid', 'C3:paid']);
    const payments = deps.ledger.all().filter((posting) => posting.kind === 'payment');
    expect(payments.map((posting) => [posting.postingId, posting.amount])).toEqual([
      ['PAY-PB-0001-C1', '100.10'],
      ['PAY-PB-0001-C2', '0.20'],
      ['PAY-PB-0001-C3', '5.00'],
    ]);
    expect(journalFor(payments.slice(0, 1)).map((line) => line.accountName)).toEqual([
      'Accounts payable',
      'Cash',
    ]);
    expect(deps.events.events).toEqual([
      expect.objectContaining({
        source: 'chrm.payments',
        detailType: 'PaymentBatchPaid',
        detail: expect.objectContaining({
          batchId: 'PB-0001',
          total: '105.30',
          paymentCount: 2,
          claimCount: 3,
        }),
      }),
    ]);
    const [p1] = buildCheckbooks(await deps.ledger.checkbookPostings('P1'));
    expect([p1?.claimed, p1?.paid, p1?.payable]).toEqual(['100.30', '100.30', '0.00']);
    expect((await deps.batches.get(batch.batchId))?.payments.map((payment) => payment.status)).toEqual([
      'paid',
      'paid',
    ]);
  });

  it('a credit memo settles against the partner’s receivable, without a bank file', async () => {
    const { deps, batch } = await seeded('creditMemo');
    await approvePaymentBatch(deps, secondFinance, batch.batchId);
    await expect(exportPaymentBatch(deps, finance, batch.batchId)).rejects.toThrow(/no bank file/);

    await markPaymentBatchPaid(deps, finance, batch.batchId);

    const [posting] = deps.ledger.all().filter((candidate) => candidate.kind === 'payment');
    expect(journalFor(posting ? [posting] : []).map((line) => [line.account, line.accountName])).toEqual([
      ['2000', 'Accounts payable'],
      ['1200', 'Accounts receivable'],
    ]);
  });

  it('a returned payment reverses its postings and reopens its claims as payable, once', async () => {
    const { deps, batch } = await seeded('check');
    await approvePaymentBatch(deps, secondFinance, batch.batchId);
    await markPaymentBatchPaid(deps, finance, batch.batchId);

    const returned = await returnPayment(deps, finance, {
      batchId: batch.batchId,
      partnerId: 'P1',
      reason: 'AC04 closed account',
    });

    expect(returned).toMatchObject({ status: 'returned', returned: { reason: 'AC04 closed account' } });
    expect(statuses(deps)).toEqual(['C1:approved', 'C2:approved', 'C3:paid']);
    const [p1] = buildCheckbooks(await deps.ledger.checkbookPostings('P1'));
    expect([p1?.paid, p1?.payable]).toEqual(['0.00', '100.30']);
    await expect(
      returnPayment(deps, finance, { batchId: batch.batchId, partnerId: 'P1', reason: 'again' }),
    ).rejects.toThrow(StateConflictError);
    const again = await createPaymentBatch(deps, finance, { ...transfer, method: 'check' });
    expect(again.payments.map((payment) => [payment.partnerId, payment.amount])).toEqual([['P1', '100.30']]);
  });

  it('property: claims, payments and returns in any mix keep the GL journal balanced and paid = Σ paid claims', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({ minor: fc.integer({ min: 1, max: 10_000_000 }), partner: fc.constantFrom('P1', 'P2') }),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        fc.boolean(),
        async (specs, returnP1) => {
          const deps = paymentDeps();
          await deps.partners.create(paidPartner('P1'));
          await deps.partners.create(paidPartner('P2'));
          for (const [index, spec] of specs.entries()) {
            const amount = fromMinorUnits(BigInt(spec.minor), 'EUR');
            await deps.claims.create(
              payableClaim(`C${index}`, { partnerId: spec.partner, amountApproved: amount }),
            );
            deps.ledger.seed(claimPosting(`C${index}`, amount, spec.partner));
          }
          const batch = await createPaymentBatch(deps, finance, { ...transfer, method: 'check' });
          await approvePaymentBatch(deps, secondFinance, batch.batchId);
          await markPaymentBatchPaid(deps, finance, batch.batchId);
          const hasP1 = specs.some((spec) => spec.partner === 'P1');
          if (returnP1 && hasP1) {
            await returnPayment(deps, finance, {
              batchId: batch.batchId,
              partnerId: 'P1',
              reason: 'returned',
            });
          }

          const postings = deps.ledger.all();
          expect(() => assertJournalBalanced(journalFor(postings))).not.toThrow();
          const expectedPaid = specs
            .filter((spec) => !(returnP1 && spec.partner === 'P1'))
            .reduce((sum, spec) => sum + BigInt(spec.minor), 0n);
          const paidMinor = buildCheckbooks(postings).reduce(
            (sum, book) => sum + toMinorUnits(book.paid, book.currency),
            0n,
          );
          expect(paidMinor).toBe(expectedPaid);
        },
      ),
      { numRuns: 60 },
    );
  });
});
