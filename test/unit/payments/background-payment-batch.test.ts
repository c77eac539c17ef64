import { describe, expect, it } from 'vitest';
import { buildRequestedBatch } from '../../../domain/payments/build-requested-batch';
import { scheduledIn } from '../../../domain/payments/claim-payment-status';
import { createPaymentBatch, inlineBuildLimit } from '../../../domain/payments/create-payment-batch';
import { paymentBatchRequestedV1 } from '../../../events/payment-batch-requested.v1';
import { finance } from '../../support/actors';
import { paidPartner, payableClaim } from './builders';
import { paymentDeps } from './fakes';

const transfer = { currency: 'EUR', method: 'bankTransfer', payableUpTo: '2026-02-28' } as const;
const claimCount = inlineBuildLimit + 1;

/** One claim more than a request builds: 1.00 each, spread over three partners. */
async function seededLarge() {
  const deps = paymentDeps();
  for (const partnerId of ['P1', 'P2', 'P3']) await deps.partners.create(paidPartner(partnerId));
  for (let index = 0; index < claimCount; index++) {
    const partnerId = `P${(index % 3) + 1}`;
    await deps.claims.create(payableClaim(`C${index}`, { partnerId, amountApproved: '1.00' }));
  }
  return deps;
}

const claimsOf = (deps: ReturnType<typeof paymentDeps>) => [...deps.claims.claims.values()];
const paidClaimIds = (batch: { payments: readonly { claims: readonly { claimId: string }[] }[] }) =>
  batch.payments.flatMap((payment) => payment.claims.map((claim) => claim.claimId));

describe('payment batches too large for the request', () => {
  it('are stored as building with the plan, claims untouched, and the background build is requested', async () => {
    const deps = await seededLarge();

    const batch = await createPaymentBatch(deps, finance, transfer);

    expect(batch).toMatchObject({ status: 'building', claimCount, total: '501.00', payments: [] });
    expect(claimsOf(deps).every((claim) => claim.status === 'approved')).toBe(true);
    expect(deps.events.events).toHaveLength(1);
    expect(paymentBatchRequestedV1.parse(deps.events.events[0]?.detail)).toMatchObject({
      batchId: batch.batchId,
      plannedClaimCount: claimCount,
    });
  });

  it('the build schedules every claim once, stores the payments and makes the batch a draft; a repeat changes nothing', async () => {
    const deps = await seededLarge();
    const { batchId } = await createPaymentBatch(deps, finance, transfer);

    const built = await buildRequestedBatch(deps, batchId);
    const again = await buildRequestedBatch(deps, batchId);

    expect(built).toMatchObject({
      status: 'draft',
      claimCount,
      paymentCount: 3,
      total: '501.00',
      version: 2,
    });
    expect(again).toEqual(built);
    const stored = await deps.batches.get(batchId);
    expect(new Set(paidClaimIds(stored ?? { payments: [] })).size).toBe(claimCount);
    expect(
      claimsOf(deps).every((claim) => claim.status === 'scheduled' && claim.paymentBatchId === batchId),
    ).toBe(true);
  });

  it('a build that failed after scheduling is completed by the retry, every claim in the batch once', async () => {
    const deps = await seededLarge();
    const { batchId } = await createPaymentBatch(deps, finance, transfer);
    const complete = deps.batches.complete.bind(deps.batches);
    let calls = 0;
    deps.batches.complete = async (batch) => {
      calls += 1;
      if (calls === 1) throw new Error('Lambda timed out');
      return complete(batch);
    };

    await expect(buildRequestedBatch(deps, batchId)).rejects.toThrow('Lambda timed out');
    expect(claimsOf(deps).every((claim) => claim.status === 'scheduled')).toBe(true);
    const built = await buildRequestedBatch(deps, batchId);

    expect(built).toMatchObject({ status: 'draft', claimCount, total: '501.00' });
    const ids = paidClaimIds((await deps.batches.get(batchId)) ?? { payments: [] });
    expect(ids).toHaveLength(claimCount);
    expect(new Set(ids).size).toBe(claimCount);
  });

  it('claims an earlier attempt scheduled for a partner put on hold since go back to approved', async () => {
    const deps = await seededLarge();
    const { batchId } = await createPaymentBatch(deps, finance, transfer);
    const held = claimsOf(deps).find((claim) => claim.partnerId === 'P2');
    if (held === undefined) throw new Error('seed has P2 claims');
    await deps.claims.transition(
      scheduledIn(held, batchId, { by: finance, at: '2026-03-01T12:00:00.000Z' }),
      'approved',
    );
    await deps.partners.replace({ ...paidPartner('P2', { status: 'on_hold' }), version: 2 }, 1);

    const built = await buildRequestedBatch(deps, batchId);

    expect(built.excluded).toContainEqual(
      expect.objectContaining({ partnerId: 'P2', reason: 'partnerOnHold' }),
    );
    const after = deps.claims.claims.get(held.claimId);
    expect(after).toMatchObject({ status: 'approved' });
    expect(after?.paymentBatchId).toBeUndefined();
  });

  it('is cancelled when every claim was scheduled elsewhere before the build', async () => {
    const deps = await seededLarge();
    const { batchId } = await createPaymentBatch(deps, finance, transfer);
    for (const claim of claimsOf(deps)) {
      await deps.claims.transition(
        scheduledIn(claim, 'PB-other', { by: finance, at: '2026-03-01T12:00:00.000Z' }),
        'approved',
      );
    }

    const built = await buildRequestedBatch(deps, batchId);

    expect(built).toMatchObject({ status: 'cancelled' });
    expect(claimsOf(deps).every((claim) => claim.paymentBatchId === 'PB-other')).toBe(true);
  });

  it('is cancelled, not left building, when the build cannot be requested', async () => {
    const deps = await seededLarge();
    deps.events.publish = async () => {
      throw new Error('EventBridge unavailable');
    };

    await expect(createPaymentBatch(deps, finance, transfer)).rejects.toThrow('EventBridge unavailable');
    const [header] = (await deps.batches.list({ limit: 10 })).items;
    expect(header).toMatchObject({ status: 'cancelled' });
    expect(claimsOf(deps).every((claim) => claim.status === 'approved')).toBe(true);
  });
});
