import { beforeAll, describe, expect, it } from 'vitest';
import { buildPaymentBatch } from '../../domain/payments/build-payment-batch';
import { headerOf, type PaymentBatch, type PaymentBatchHeader } from '../../domain/payments/payment-batch';
import type { PaymentBatchStore } from '../../domain/payments/ports';
import { AlreadyExistsError } from '../../domain/shared/errors';
import { paidPartner, payableClaim } from '../unit/payments/builders';
import { everyPage, ownIds } from './contract-pages';

/** A draft EUR batch created at `createdAt`, paying each of `partnerIds` one claim. */
export function batchPaying(
  batchId: string,
  partnerIds: readonly string[],
  createdAt = '2026-03-01T12:00:00.000Z',
): PaymentBatch {
  return buildPaymentBatch({
    batchId,
    request: { currency: 'EUR', method: 'bankTransfer', payableUpTo: '2026-02-28' },
    createdBy: { userId: 'u-fin', role: 'finance' },
    createdAt,
    claims: partnerIds.map((partnerId) => payableClaim(`${batchId}-C-${partnerId}`, { partnerId })),
    partners: new Map(partnerIds.map((partnerId) => [partnerId, paidPartner(partnerId)])),
  });
}

const idsOf = (headers: readonly PaymentBatchHeader[], prefix: string) =>
  ownIds(headers, (header) => header.batchId, prefix);

/**
 * The PaymentBatchStore contract, run against the in-memory fake (unit suite) and the DynamoDB adapter
 * (integration suite): a batch is created once and read back exactly (payments by partner); a header, or a
 * payment's state (status, version, return), is replaced only from the version read; completing a batch keeps only the payments it now has;
 * batches (all, or of one status) and a partner's payments list newest first (created, then batch id: the
 * index sort key), each once across pages. Listings are read for this contract's own ids, as the table may
 * hold other tests' batches.
 */
export function paymentBatchStoreContract(label: string, open: () => Promise<PaymentBatchStore>) {
  describe(`${label} keeps the PaymentBatchStore contract`, () => {
    let store: PaymentBatchStore;

    beforeAll(async () => {
      store = await open();
    });

    it('creates a batch once and reads it back exactly, its payments in partner order', async () => {
      const batch = batchPaying('CPB-ONCE', ['CPP-B', 'CPP-A', 'CPP-C']);
      await store.create(batch);
      await expect(store.create({ ...batch, payments: [] })).rejects.toBeInstanceOf(AlreadyExistsError);
      const read = await store.get('CPB-ONCE');
      expect(read).toEqual(batch);
      expect(read?.payments.map((payment) => payment.partnerId)).toEqual(['CPP-A', 'CPP-B', 'CPP-C']);
      expect(await store.get('CPB-NONE')).toBeUndefined();
    });

    it("replaces a header, or a payment's state, only from the version read", async () => {
      const batch = batchPaying('CPB-VER', ['CPP-A', 'CPP-B']);
      await store.create(batch);
      const approved = { ...headerOf(batch), status: 'approved' as const, version: batch.version + 1 };
      expect(await store.replaceHeader(approved)).toBe(true);
      expect(await store.replaceHeader({ ...approved, status: 'cancelled' })).toBe(false);
      expect(await store.replaceHeader({ ...approved, batchId: 'CPB-GHOST' })).toBe(false);
      const [payment, other] = batch.payments;
      if (payment === undefined || other === undefined) throw new Error('the batch pays two partners');
      const returned = {
        ...payment,
        status: 'returned' as const,
        returned: {
          at: '2026-03-09T10:00:00.000Z',
          by: { userId: 'u-fin', role: 'finance' as const },
          reason: 'closed account',
        },
        version: payment.version + 1,
      };
      // A payment's state changes, never what it pays.
      expect(await store.replacePayment({ ...returned, amount: '0.01' })).toBe(true);
      expect(await store.replacePayment({ ...returned, status: 'paid' })).toBe(false);
      expect(await store.get('CPB-VER')).toEqual({ ...approved, payments: [returned, other] });
    });

    it('completes a batch with the payments it now has, once, from the version read', async () => {
      const planned = batchPaying('CPB-DONE', ['CPP-A', 'CPP-B', 'CPP-C']);
      await store.create({ ...planned, status: 'building' });
      const built = { ...planned, version: planned.version + 1, payments: planned.payments.slice(1) };
      expect(await store.complete(built)).toBe(true);
      expect(await store.complete(built)).toBe(false);
      expect(await store.get('CPB-DONE')).toEqual(built);
    });

    it("lists batches (all, or of one status) and a partner's payments newest first (created, then id), each once across pages", async () => {
      const made = [
        batchPaying('CPB-LIST-B', ['CPP-L1'], '2026-03-02T00:00:00.000Z'),
        batchPaying('CPB-LIST-A', ['CPP-L1', 'CPP-L2'], '2026-03-02T00:00:00.000Z'),
        batchPaying('CPB-LIST-C', ['CPP-L1'], '2026-03-03T00:00:00.000Z'),
        batchPaying('CPB-LIST-D', ['CPP-L2'], '2026-03-01T00:00:00.000Z'),
      ];
      for (const batch of made) await store.create(batch);
      const c = made[2] as PaymentBatch;
      await store.replaceHeader({ ...headerOf(c), status: 'approved', version: c.version + 1 });

      const all = await everyPage(2, (page) => store.list(page));
      const drafts = await everyPage(1, (page) => store.list({ ...page, group: 'draft' }));
      const paidToL1 = await everyPage(2, (page) => store.paymentsOf('CPP-L1', page));

      expect(idsOf(all, 'CPB-LIST')).toEqual(['CPB-LIST-C', 'CPB-LIST-B', 'CPB-LIST-A', 'CPB-LIST-D']);
      expect(all.find((header) => header.batchId === 'CPB-LIST-A')).toEqual(
        headerOf(made[1] as PaymentBatch),
      );
      expect(idsOf(drafts, 'CPB-LIST')).toEqual(['CPB-LIST-B', 'CPB-LIST-A', 'CPB-LIST-D']);
      expect(paidToL1.map((payment) => payment.batchId)).toEqual(['CPB-LIST-C', 'CPB-LIST-B', 'CPB-LIST-A']);
      expect(paidToL1[2]).toEqual(made[1]?.payments[0]);
    });
  });
}
