import { describe, expect, it } from 'vitest';
import type { Actor } from '../../../domain/access/actor';
import type { ChannelLineQueries } from '../../../domain/channel-files/ports';
import { claimRequestSchema } from '../../../domain/claims/claim-request';
import type { InventorySnapshotLine } from '../../../domain/ingestion/ingest-types';
import type { PriceEntryData, PriceEntryGroup, PriceEntryId } from '../../../domain/price-lists/price-list';
import { reopenRecoveries } from '../../../domain/price-protection/reopen-recoveries';
import {
  type PriceProtectionDeps,
  runPriceProtection,
} from '../../../domain/price-protection/run-price-protection';
import type { DomainEvent } from '../../../events/domain-event';
import { fixedClock, InMemoryRecordStore } from '../../support/in-memory-record-store';
import { InMemoryClaimStore } from '../claims/fakes';
import { term } from './builders';
import { InMemoryPriceProtectionStore } from './fakes';

const stamp = { version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };
const snapshot = (asOfDate: string, fields: Partial<InventorySnapshotLine>): InventorySnapshotLine => ({
  partnerId: 'P1',
  sourceFileId: 'F1',
  sourceLineNumber: 1,
  sku: 'SW-24',
  asOfDate,
  uom: 'EA',
  ...fields,
});

async function setup() {
  const priceEntries = new InMemoryRecordStore<PriceEntryData, PriceEntryId, PriceEntryGroup>(
    (entry) => ({ priceListId: entry.priceListId, sku: entry.sku, effectiveFrom: entry.effectiveFrom }),
    (entry) => ({ priceListId: entry.priceListId, sku: entry.sku }),
  );
  for (const [effectiveFrom, bookCost] of [
    ['2026-01-01', '50.00'],
    ['2026-03-15', '44.00'],
    ['2026-05-01', '47.00'],
  ] as const) {
    await priceEntries.create({
      priceListId: 'PL',
      sku: 'SW-24',
      effectiveFrom,
      currency: 'USD',
      listPrice: '90.00',
      bookCost,
      ...stamp,
    });
  }
  const snapshots = [
    snapshot('2026-02-01', { quantityOnHand: '0' }),
    snapshot('2026-02-20', { quantityOnHand: '120', quantityReceived: '120' }),
    snapshot('2026-03-14', { quantityOnHand: '120' }),
    snapshot('2026-04-10', { quantityOnHand: '150', quantityReceived: '30' }),
    snapshot('2026-04-30', { quantityOnHand: '150' }),
  ];
  const channel: ChannelLineQueries = {
    fileLines: async () => ({ items: [] }),
    fileRejections: async () => ({ items: [] }),
    salesInMonth: async () => ({ items: [] }),
    salesOfProduct: async () => ({ items: [] }),
    inventorySnapshots: async (partnerId, _sku, from, to) =>
      snapshots.filter(
        (each) => each.partnerId === partnerId && each.asOfDate >= from && each.asOfDate <= to,
      ),
  };
  const published: DomainEvent[] = [];
  const deps: PriceProtectionDeps & { store: InMemoryPriceProtectionStore; claims: InMemoryClaimStore } = {
    store: new InMemoryPriceProtectionStore(),
    claims: new InMemoryClaimStore(),
    channel,
    priceEntries,
    events: { publish: async (event) => void published.push(event) },
    clock: fixedClock('2026-03-16T08:00:00.000Z'),
  };
  return { deps, published, snapshots, priceEntries };
}

const manager: Actor = { userId: 'u-cm', role: 'channel_manager' };
const request = { priceListId: 'PL', sku: 'SW-24', effectiveFrom: '2026-03-15', partnerIds: ['P1'], term };

describe('runPriceProtection', () => {
  it('a run that died between a line and its claim is completed by the re-run: one claim, never two', async () => {
    const { deps } = await setup();
    deps.store.failAfterLine = true;
    await expect(runPriceProtection(deps, manager, request)).rejects.toThrow('the run died');
    expect(deps.claims.claims.size).toBe(0);
    const again = await runPriceProtection(deps, manager, request);
    expect(again.created).toBe(false);
    expect(again.run).toMatchObject({ status: 'completed', claimCount: 1, totalClaimed: '720.00' });
    expect([...deps.claims.claims.values()].map((claim) => claim.amountClaimed)).toEqual(['720.00']);
    const third = await runPriceProtection(deps, manager, request);
    expect(third.claims.map((claim) => claim.claimId)).toEqual(again.claims.map((claim) => claim.claimId));
    expect(deps.claims.claims.size).toBe(1);
  });

  it('an increase the term recovers computes what the partner owes and still creates no claim', async () => {
    const { deps, published } = await setup();
    const rise = await runPriceProtection(deps, manager, {
      ...request,
      effectiveFrom: '2026-05-01',
      term: { ...term, reverseOnIncrease: true },
    });
    expect(rise.run).toMatchObject({ direction: 'increase', outcome: 'recoveryComputed', claimCount: 0 });
    // FIFO: of the 150 held, the newest 30 came in April at 44.00 (the old cost): 30 × (44.00 − 47.00) = −90.00.
    expect(rise.lines).toEqual([
      expect.objectContaining({
        partnerId: 'P1',
        status: 'recovery',
        protection: expect.objectContaining({ eligibleQuantity: '30', amount: '-90.00' }),
      }),
    ]);
    expect(rise.lines[0]?.claimId).toBeUndefined();
    expect(deps.claims.claims.size).toBe(0);
    expect(published).toEqual([]);
  });

  it('the recovery (−90.00) is set against the partner’s next claim: 720.00 − 90.00 = 630.00, once, whatever the re-runs', async () => {
    const { deps } = await setup();
    const rise = await runPriceProtection(deps, manager, {
      ...request,
      effectiveFrom: '2026-05-01',
      term: { ...term, reverseOnIncrease: true },
    });
    deps.store.failAfterLine = true;
    await expect(runPriceProtection(deps, manager, request)).rejects.toThrow('the run died');

    const drop = await runPriceProtection(deps, manager, request);
    await runPriceProtection(deps, manager, request);

    const claimId = drop.lines[0]?.claimId;
    expect(drop.lines[0]?.recoveryOffsets).toEqual([{ runId: rise.run.runId, amount: '90.00' }]);
    expect(drop.run).toMatchObject({ claimCount: 1, totalClaimed: '630.00' });
    expect([...deps.claims.claims.values()]).toEqual([
      expect.objectContaining({
        claimId,
        amountClaimed: '630.00',
        lines: [
          expect.objectContaining({
            amount: '630.00',
            evidence: [`price-protection-recoveries/${rise.run.runId}`],
          }),
        ],
      }),
    ]);
    expect(await deps.store.getLine(rise.run.runId, 'P1')).toMatchObject({
      status: 'recovery',
      offsetByClaimId: claimId,
      version: 2,
    });
  });

  it('the 630.00 claim rejected: its −90.00 recovery opens again, once, and nets the next claim (10 bought at 47.00, cut to 30.00: 170.00 − 90.00 = 80.00)', async () => {
    const { deps, snapshots, priceEntries } = await setup();
    const rise = await runPriceProtection(deps, manager, {
      ...request,
      effectiveFrom: '2026-05-01',
      term: { ...term, reverseOnIncrease: true },
    });
    const drop = await runPriceProtection(deps, manager, request);
    const claimId = drop.lines[0]?.claimId ?? '';
    expect(await reopenRecoveries(deps, { claimId, outcome: 'partiallyApproved' })).toEqual([]);

    const reopened = await reopenRecoveries(deps, { claimId, outcome: 'rejected' });
    const redelivered = await reopenRecoveries(deps, { claimId, outcome: 'rejected' });

    expect(reopened).toEqual([rise.run.runId]);
    expect(redelivered).toEqual([]);
    const recovery = await deps.store.getLine(rise.run.runId, 'P1');
    expect(recovery).toMatchObject({
      status: 'recovery',
      version: 3,
      reopenings: [{ claimId, offsetAt: '2026-03-16T08:00:00.000Z', reopenedAt: '2026-03-16T08:00:00.000Z' }],
    });
    expect(recovery).not.toHaveProperty('offsetByClaimId');

    snapshots.push(snapshot('2026-05-20', { quantityOnHand: '160', quantityReceived: '10' }));
    await priceEntries.create({
      priceListId: 'PL',
      sku: 'SW-24',
      effectiveFrom: '2026-06-01',
      currency: 'USD',
      listPrice: '90.00',
      bookCost: '30.00',
      ...stamp,
    });
    const next = await runPriceProtection(deps, manager, { ...request, effectiveFrom: '2026-06-01' });

    expect(next.lines[0]?.recoveryOffsets).toEqual([{ runId: rise.run.runId, amount: '90.00' }]);
    expect(next.claims.map((claim) => claim.amountClaimed)).toEqual(['80.00']);
    const nextClaimId = next.lines[0]?.claimId;
    expect(await deps.store.getLine(rise.run.runId, 'P1')).toMatchObject({ offsetByClaimId: nextClaimId });
    // A late redelivery of the first rejection leaves the recovery with the claim that nets it now.
    expect(await reopenRecoveries(deps, { claimId, outcome: 'rejected' })).toEqual([]);
    expect(await deps.store.getLine(rise.run.runId, 'P1')).toMatchObject({ offsetByClaimId: nextClaimId });
  });

  it('partners and approvers may not start a run', async () => {
    const { deps } = await setup();
    await expect(
      runPriceProtection(deps, { userId: 'u-p', role: 'partner', partnerId: 'P1' }, request),
    ).rejects.toThrow(/may not/);
    await expect(runPriceProtection(deps, { userId: 'u-a', role: 'approver' }, request)).rejects.toThrow(
      /may not/,
    );
  });
});

describe('priceProtection claims are generated, never submitted', () => {
  it('POST /claims refuses the type (400 on `type`)', () => {
    const parsed = claimRequestSchema.safeParse({
      type: 'priceProtection',
      programId: 'PRG-1',
      period: '2026-03',
      fund: 'rebate',
      currency: 'USD',
      lines: [{ amount: '720.00', reference: 'PL/SW-24/2026-03-15' }],
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['type']);
  });
});
