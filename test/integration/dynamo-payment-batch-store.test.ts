import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/access/actor';
import { approvedBatch } from '../../domain/payments/batch-lifecycle';
import { buildPaymentBatch } from '../../domain/payments/build-payment-batch';
import { headerOf, type PaymentBatch } from '../../domain/payments/payment-batch';
import { approvePaymentBatch } from '../../domain/payments/settle-payment-batch';
import { AlreadyExistsError, StateConflictError } from '../../domain/shared/errors';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { DynamoPaymentBatchStore } from '../../functions/adapters/dynamo-payment-batch-store';
import { loadConfig } from '../../functions/shared/config';
import { batchPaying, paymentBatchStoreContract } from '../support/payment-batch-store-contract';
import { createTestTable } from '../support/test-table';
import { paidPartner, payableClaim } from '../unit/payments/builders';
import { paymentDeps } from '../unit/payments/fakes';

let store: DynamoPaymentBatchStore;

beforeAll(async () => {
  await createTestTable();
  const config = loadConfig();
  store = new DynamoPaymentBatchStore(createDocumentClient(config), config.TABLE_NAME);
});

/** A draft batch paying `partners` partners one claim each, created at `createdAt`. */
function batchOf(batchId: string, partners: number, createdAt = '2026-03-01T12:00:00.000Z'): PaymentBatch {
  const ids = Array.from({ length: partners }, (_, index) => `P${String(index).padStart(3, '0')}`);
  return batchPaying(batchId, ids, createdAt);
}

describe('DynamoPaymentBatchStore', () => {
  it('round-trips a batch of 60 payments (more than one write batch) without storage keys', async () => {
    const batch = batchOf('PB-RT', 60);
    await store.create(batch);

    const read = await store.get('PB-RT');

    expect(read).toEqual(batch);
    expect(read).not.toHaveProperty('pk');
    await expect(store.create(batch)).rejects.toBeInstanceOf(AlreadyExistsError);
    expect(await store.get('PB-NONE')).toBeUndefined();
  });

  it('completes a building batch: its payments stored, any an earlier attempt stored and dropped since removed', async () => {
    const planned = batchOf('PB-BG', 30);
    await store.create({ ...planned, status: 'building', payments: [] });
    const firstAttempt = { ...planned, status: 'draft' as const, version: 2 };
    // An attempt whose header write loses still stored all 30 payments.
    expect(await store.complete({ ...firstAttempt, version: 99 })).toBe(false);
    expect((await store.get('PB-BG'))?.payments).toHaveLength(30);
    const retry = { ...firstAttempt, payments: planned.payments.slice(0, 20) };

    expect(await store.complete(retry)).toBe(true);
    const read = await store.get('PB-BG');
    expect(read?.payments.map((payment) => payment.partnerId)).toEqual(
      retry.payments.map((payment) => payment.partnerId),
    );
    expect(read?.status).toBe('draft');
    expect(await store.complete(retry)).toBe(false);
  });

  it('stores a partner paid for 3,000 claims in one batch (past the 400 KB item limit) and reads every claim back in order', async () => {
    // Arrange: one partner's 3,000 claims with long references: about 1.3 MB of claims in one payment.
    const references = Array.from({ length: 4 }, (_, line) => `INVOICE-REFERENCE-${'X'.repeat(60)}-${line}`);
    const claims = Array.from({ length: 3_000 }, (_, index) => {
      const claim = payableClaim(`PB-BIG-C-${String(index).padStart(5, '0')}`, { partnerId: 'P-BIG' });
      return {
        ...claim,
        lines: references.map((reference, line) => ({
          ...claim.lines[0],
          lineNumber: line + 1,
          reference,
          amount: '25.00',
        })),
      } as typeof claim;
    });
    const batch = buildPaymentBatch({
      batchId: 'PB-BIG',
      request: { currency: 'EUR', method: 'bankTransfer', payableUpTo: '2026-02-28' },
      createdBy: { userId: 'u-fin', role: 'finance' },
      createdAt: '2026-02-27T12:00:00.000Z',
      claims,
      partners: new Map([['P-BIG', paidPartner('P-BIG')]]),
    });

    // Act
    await store.create({ ...batch, status: 'building', payments: [] });
    const completed = await store.complete({ ...batch, version: 2 });
    const read = await store.get('PB-BIG');
    const listed = await store.paymentsOf('P-BIG', { limit: 10 });

    // Assert: the batch and the partner's listing hold all 3,000 claims, in order, 300,000.00 in all.
    expect(completed).toBe(true);
    expect(read?.payments[0]?.claims).toEqual(batch.payments[0]?.claims);
    expect(read?.payments[0]?.amount).toBe('300000.00');
    expect(read?.payments[0]).not.toHaveProperty('claimParts');
    expect(listed.items[0]?.claims.map((claim) => claim.claimId)).toEqual(
      claims.map((claim) => claim.claimId),
    );
    // Completing again with half the claims drops the parts no longer needed.
    const half = {
      ...batch.payments[0],
      claims: batch.payments[0]?.claims.slice(0, 1_500),
    } as (typeof batch.payments)[0];
    expect(await store.complete({ ...batch, payments: [half], version: 3 })).toBe(true);
    expect((await store.get('PB-BIG'))?.payments[0]?.claims).toHaveLength(1_500);
  });

  it('keeps a batch that leaves out 20,000 claims (past the 400 KB item limit): every excluded claim read back, by get and by the listing', async () => {
    // Arrange: P-HOLD is on hold with 20,000 claims (one exclusion larger than a part); P-PAID is paid.
    const held = Array.from({ length: 20_000 }, (_, index) =>
      payableClaim(`PB-HOLD-C-${String(index).padStart(5, '0')}-${'X'.repeat(20)}`, { partnerId: 'P-HOLD' }),
    );
    const batch = buildPaymentBatch({
      batchId: 'PB-HOLD',
      request: { currency: 'EUR', method: 'bankTransfer', payableUpTo: '2026-02-28' },
      createdBy: { userId: 'u-fin', role: 'finance' },
      createdAt: '2026-02-26T12:00:00.000Z',
      claims: [...held, payableClaim('PB-HOLD-PAID', { partnerId: 'P-PAID' })],
      partners: new Map([
        ['P-HOLD', { ...paidPartner('P-HOLD'), status: 'on_hold' as const }],
        ['P-PAID', paidPartner('P-PAID')],
      ]),
    });
    expect(batch.excluded[0]?.claimIds).toHaveLength(20_000);

    // Act: built in the background (created as building, completed as a draft).
    await store.create({ ...batch, status: 'building' });
    const completed = await store.complete({ ...batch, version: 2 });
    const read = await store.get('PB-HOLD');
    const listed = await store.list({ limit: 50, group: 'draft' });

    // Assert
    expect(completed).toBe(true);
    expect(read).toEqual({ ...batch, version: 2 });
    expect(listed.items.find((header) => header.batchId === 'PB-HOLD')?.excluded).toEqual(batch.excluded);
  });

  it('lists batches newest first, optionally of one status, and a partner’s payments across batches', async () => {
    await store.create(batchOf('PB-L1', 2, '2026-03-02T00:00:00.000Z'));
    await store.create(batchOf('PB-L2', 1, '2026-03-03T00:00:00.000Z'));
    const header = headerOf((await store.get('PB-L1')) as PaymentBatch);
    expect(await store.replaceHeader(approvedBatch(header, { userId: 'u-2', role: 'finance' }, 'now'))).toBe(
      true,
    );

    const all = await store.list({ limit: 2 });
    const approved = await store.list({ limit: 10, group: 'approved' });
    const mine = await store.paymentsOf('P000', { limit: 10 });

    expect(all.items.map((item) => item.batchId)).toEqual(['PB-L2', 'PB-L1']);
    expect(all.nextCursor).toBeDefined();
    expect(approved.items.map((item) => [item.batchId, item.status])).toEqual([['PB-L1', 'approved']]);
    expect(mine.items.map((payment) => payment.batchId).slice(0, 2)).toEqual(['PB-L2', 'PB-L1']);
  });

  it('two approvals racing on DynamoDB: exactly one wins, the other is a conflict', async () => {
    const deps = { ...paymentDeps(), batches: store };
    await store.create(batchOf('PB-RACE', 3));
    const approvers: Actor[] = ['u-a', 'u-b', 'u-c', 'u-d'].map((userId) => ({ userId, role: 'finance' }));

    const results = await Promise.allSettled(
      approvers.map((actor) => approvePaymentBatch(deps, actor, 'PB-RACE')),
    );

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((candidate) => candidate.status === 'rejected')) {
      expect(result.reason).toBeInstanceOf(StateConflictError);
    }
    expect((await store.get('PB-RACE'))?.version).toBe(2);
  });

  it('changes a payment only from the version read', async () => {
    await store.create(batchOf('PB-PAY', 1));
    const [payment] = (await store.get('PB-PAY'))?.payments ?? [];
    if (payment === undefined) throw new Error('no payment');
    const paid = { ...payment, status: 'paid' as const, version: 2 };

    expect(await store.replacePayment(paid)).toBe(true);
    expect(await store.replacePayment(paid)).toBe(false);
    expect((await store.get('PB-PAY'))?.payments[0]).toEqual(paid);
  });
});

paymentBatchStoreContract('DynamoPaymentBatchStore', async () => store);
