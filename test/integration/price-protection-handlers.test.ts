import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultApprovalPolicy, requiredLevels } from '../../domain/approvals/approval-policy';
import type { InventorySnapshotLine, NormalizedSaleLine } from '../../domain/ingestion/ingest-types';
import { DynamoChannelLines } from '../../functions/adapters/dynamo-channel-lines';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { DynamoPriceProtectionStore } from '../../functions/adapters/dynamo-price-protection-store';
import { masterDataStores } from '../../functions/adapters/master-data-stores';
import { loadConfig } from '../../functions/shared/config';
import { type ApiHandler, handlerCaller } from '../support/api-handler-call';
import { priceProtectionStoreContract } from '../support/price-protection-store-contract';
import { createTestTable } from '../support/test-table';
import { term as baseTerm } from '../unit/price-protection/builders';

const handlers: Record<string, ApiHandler> = {};
const bus = mockClient(EventBridgeClient);
const stamp = { version: 1, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' };

function snapshot(
  partnerId: string,
  asOfDate: string,
  fields: Partial<InventorySnapshotLine>,
): InventorySnapshotLine {
  return {
    partnerId,
    sourceFileId: `F-${partnerId}`,
    sourceLineNumber: 1,
    sku: 'SW-24',
    asOfDate,
    uom: 'EA',
    warehouse: 'W1',
    ...fields,
  };
}

const sale = (partnerId: string, invoiceDate: string, quantity: string): NormalizedSaleLine => ({
  partnerId,
  sourceFileId: `F-${partnerId}`,
  sourceLineNumber: 9,
  invoiceNumber: `INV-${partnerId}`,
  invoiceLine: '1',
  invoiceDate,
  sku: 'SW-24',
  category: 'SWITCHES',
  quantity,
  uom: 'EA',
  reportedQuantity: quantity,
  reportedUom: 'EA',
  extendedAmount: '0.00',
  currency: 'USD',
  custom: {},
});

beforeAll(async () => {
  await createTestTable();
  Object.assign(process.env, { EVENT_BUS_NAME: 'chrm-test' });
  bus.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
  const config = loadConfig();
  const client = createDocumentClient(config);
  const master = masterDataStores(client, config.TABLE_NAME);
  await master.priceLists.create({
    priceListId: 'PL-US',
    name: 'US distributors',
    currency: 'USD',
    status: 'active',
    ...stamp,
  });
  const entry = (effectiveFrom: string, bookCost: string) =>
    master.priceEntries.create({
      priceListId: 'PL-US',
      sku: 'SW-24',
      effectiveFrom,
      currency: 'USD',
      listPrice: '80.00',
      bookCost,
      ...stamp,
    });
  await entry('2026-01-01', '50.00');
  await entry('2026-03-15', '44.00');
  await entry('2026-05-01', '47.00');
  const lines = [
    // P1: the worked example, 120 units received at 50.00 in February, all still on hand.
    snapshot('P1', '2026-02-01', { quantityOnHand: '0' }),
    snapshot('P1', '2026-02-20', { quantityOnHand: '120', quantityReceived: '120' }),
    snapshot('P1', '2026-03-14', { quantityOnHand: '120' }),
    // P2: reports 120 but sold 10 in between: the computed position is 110, beyond the 2-unit tolerance.
    snapshot('P2', '2026-02-01', { quantityOnHand: '0' }),
    snapshot('P2', '2026-02-20', { quantityOnHand: '120', quantityReceived: '120' }),
    snapshot('P2', '2026-03-14', { quantityOnHand: '120' }),
    sale('P2', '2026-03-01', '10'),
    // P3 reported nothing.
  ];
  await new DynamoChannelLines(client, config.TABLE_NAME).writeLines(
    'F-ALL',
    lines.map((line) => ({ line, outcome: 'accepted' as const, version: 1 })),
  );
  const modules = {
    run: import('../../functions/api/price-protection/run-price-protection'),
    listRuns: import('../../functions/api/price-protection/list-price-protection-runs'),
    getRun: import('../../functions/api/price-protection/get-price-protection-run'),
    listClaims: import('../../functions/api/price-protection/list-price-protection-claims'),
    getClaim: import('../../functions/api/price-protection/get-price-protection-claim'),
    accept: import('../../functions/api/price-protection/accept-price-protection-claim'),
    dispute: import('../../functions/api/price-protection/dispute-price-protection-claim'),
  };
  for (const [name, module] of Object.entries(modules)) handlers[name] = (await module).handler as ApiHandler;
});

const channelManager = { sub: 'u-cm', role: 'channel_manager' };
const admin = { sub: 'u-admin', role: 'admin' };
const partnerP1 = { sub: 'u-p1', role: 'partner', partnerId: 'P1' };
const partnerP2 = { sub: 'u-p2', role: 'partner', partnerId: 'P2' };

const term = { ...baseTerm, reconciliationToleranceUnits: '2' };
const decrease = {
  priceListId: 'PL-US',
  sku: 'SW-24',
  effectiveFrom: '2026-03-15',
  partnerIds: ['P1', 'P2', 'P3'],
  term,
};

const call = handlerCaller(handlers);

type Line = {
  partnerId: string;
  claimId?: string;
  status: string;
  protection?: { amount: string; review: string[] };
};
const lineOf = (body: { lines: Line[] }, partnerId: string) =>
  body.lines.find((line) => line.partnerId === partnerId);

describe('price protection handlers on DynamoDB Local', () => {
  it('a 12 % drop generates one claim per partner holding stock bought at 50.00: 120 × 6.00 = 720.00', async () => {
    const first = await call('run', channelManager, { body: decrease });
    expect(first.status).toBe(201);
    expect(first.json.run).toMatchObject({
      direction: 'decrease',
      changePercent: '12',
      oldUnitCost: '50.00',
      newUnitCost: '44.00',
      outcome: 'claimsGenerated',
      status: 'completed',
      totalClaimed: '1440.00',
      claimCount: 2,
    });
    expect(lineOf(first.json, 'P1')).toMatchObject({
      status: 'awaitingPartner',
      protection: {
        reportedOnHand: '120',
        computedOnHand: '120',
        eligibleQuantity: '120',
        amount: '720.00',
        review: [],
      },
    });
    expect(lineOf(first.json, 'P2')).toMatchObject({
      status: 'awaitingPartner',
      protection: { computedOnHand: '110', variance: '10', review: ['positionDiffers'], amount: '720.00' },
    });
    expect(lineOf(first.json, 'P3')).toMatchObject({ status: 'nothingToProtect' });
    expect(lineOf(first.json, 'P3')?.claimId).toBeUndefined();
    expect(first.json.claims).toHaveLength(2);
    const p1Claim = first.json.claims.find((claim: { partnerId: string }) => claim.partnerId === 'P1');
    expect(p1Claim).toMatchObject({
      type: 'priceProtection',
      status: 'submitted',
      amountClaimed: '720.00',
      currency: 'USD',
      period: '2026-03',
      lines: [{ amount: '720.00', reference: 'PL-US/SW-24/2026-03-15' }],
    });
    expect(p1Claim.reviewRequired).toBeUndefined();
    const p2Claim = first.json.claims.find((claim: { partnerId: string }) => claim.partnerId === 'P2');
    expect(p2Claim.reviewRequired).toEqual(['positionDiffers']);
  });

  it('re-running the same price entry creates no twins; another term for it is a 409', async () => {
    const again = await call('run', admin, { body: decrease });
    expect(again.status).toBe(200);
    expect(again.json.claims).toHaveLength(2);
    const listed = await call('listClaims', channelManager, { query: { partnerId: 'P1' } });
    expect(listed.json.items).toHaveLength(1);
    const unnamed = await call('listClaims', channelManager);
    expect(unnamed.status).toBe(400);
    expect(unnamed.json.errors[0].path).toBe('query.partnerId');
    const other = await call('run', channelManager, {
      body: { ...decrease, term: { ...term, supportedQuantityPercent: '50' } },
    });
    expect(other.status).toBe(409);
  });

  it('a price increase creates no claim', async () => {
    const rise = await call('run', channelManager, { body: { ...decrease, effectiveFrom: '2026-05-01' } });
    expect(rise.status).toBe(201);
    expect(rise.json.run).toMatchObject({ direction: 'increase', outcome: 'increaseNoClaim', claimCount: 0 });
    expect(rise.json.lines).toEqual([]);
    expect(rise.json.claims).toEqual([]);
  });

  it('refuses bad input and the wrong roles: 400 with the field, 422 for an entry that is not there, 403', async () => {
    const bad = await call('run', channelManager, {
      body: { ...decrease, term: { ...term, supportedDifferencePercent: '150' } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.errors)).toContain('supportedDifferencePercent');
    const missing = await call('run', channelManager, { body: { ...decrease, effectiveFrom: '2026-04-01' } });
    expect(missing.status).toBe(422);
    expect(missing.json.errors[0].path).toBe('effectiveFrom');
    const first = await call('run', channelManager, { body: { ...decrease, effectiveFrom: '2026-01-01' } });
    expect(first.status).toBe(422);
    expect((await call('run', partnerP1, { body: decrease })).status).toBe(403);
    expect((await call('listRuns', partnerP1)).status).toBe(403);
  });

  it('lists runs and reads one with its lines and claims (staff)', async () => {
    const runs = await call('listRuns', channelManager);
    expect(runs.status).toBe(200);
    expect(runs.json.items).toHaveLength(2);
    const runId = runs.json.items.find((run: { outcome: string }) => run.outcome === 'claimsGenerated').runId;
    const one = await call('getRun', admin, { path: { runId } });
    expect(one.status).toBe(200);
    expect(one.json.lines).toHaveLength(3);
    expect(one.json.claims).toHaveLength(2);
    expect((await call('getRun', partnerP1, { path: { runId } })).status).toBe(403);
    expect((await call('getRun', admin, { path: { runId: 'PPR-0000000000000000' } })).status).toBe(404);
  });

  it('partner isolation: another partner’s claim is a 404 on every partner route; listings show only one’s own', async () => {
    const own = await call('listClaims', partnerP1);
    expect(own.status).toBe(200);
    expect(own.json.items.map((item: { claim: { partnerId: string } }) => item.claim.partnerId)).toEqual([
      'P1',
    ]);
    const p1ClaimId = own.json.items[0].claim.claimId;
    expect((await call('listClaims', partnerP2, { query: { partnerId: 'P1' } })).json.items).toEqual([]);
    expect((await call('getClaim', partnerP2, { path: { claimId: p1ClaimId } })).status).toBe(404);
    expect((await call('accept', partnerP2, { path: { claimId: p1ClaimId } })).status).toBe(404);
    const dispute = await call('dispute', partnerP2, {
      path: { claimId: p1ClaimId },
      body: { reason: 'not mine' },
    });
    expect(dispute.status).toBe(404);
    expect((await call('getClaim', partnerP1, { path: { claimId: 'CLM-PPNOTTHERE' } })).status).toBe(404);
    const read = await call('getClaim', partnerP1, { path: { claimId: p1ClaimId } });
    expect(read.status).toBe(200);
    expect(read.json.claim.status).toBe('submitted');
  });

  it('the partner accepts: the claim is validated and enters the approval workflow (ClaimSubmitted), once', async () => {
    const [item] = (await call('listClaims', partnerP1)).json.items;
    const claimId = item.claim.claimId;
    bus.resetHistory();
    const accepted = await call('accept', partnerP1, { path: { claimId } });
    expect(accepted.status).toBe(200);
    expect(accepted.json.line.status).toBe('accepted');
    expect(accepted.json.claim).toMatchObject({ status: 'validated', amountClaimed: '720.00' });
    const published = bus.commandCalls(PutEventsCommand).flatMap((each) => each.args[0].input.Entries ?? []);
    expect(published.map((entry) => entry.DetailType)).toEqual(['ClaimSubmitted']);
    expect(JSON.parse(published[0]?.Detail ?? '{}')).toMatchObject({ claimId, type: 'priceProtection' });
    expect((await call('accept', partnerP1, { path: { claimId } })).status).toBe(409);
    const dispute = await call('dispute', partnerP1, {
      path: { claimId },
      body: { reason: 'changed my mind' },
    });
    expect(dispute.status).toBe(409);
  });

  it('the partner disputes with a reason: a person must decide the claim, however small', async () => {
    const [item] = (await call('listClaims', partnerP2)).json.items;
    const claimId = item.claim.claimId;
    expect((await call('dispute', partnerP2, { path: { claimId }, body: { reason: '  ' } })).status).toBe(
      400,
    );
    const disputed = await call('dispute', partnerP2, {
      path: { claimId },
      body: { reason: 'we hold 120, the 10 sold were returned' },
    });
    expect(disputed.status).toBe(200);
    expect(disputed.json.line).toMatchObject({
      status: 'disputed',
      dispute: { reason: 'we hold 120, the 10 sold were returned' },
    });
    expect(disputed.json.claim).toMatchObject({
      status: 'validated',
      reviewRequired: ['positionDiffers', 'disputed'],
    });
    const generous = {
      ...defaultApprovalPolicy,
      thresholds: { USD: { autoApproveBelow: '5000.00', singleApproverUpTo: '10000.00' } },
    };
    expect(requiredLevels(generous, disputed.json.claim)).toEqual(['approver']);
    expect(requiredLevels(generous, { ...disputed.json.claim, reviewRequired: [] })).toEqual([]);
  });
});

priceProtectionStoreContract('DynamoPriceProtectionStore', async () => {
  const config = loadConfig();
  return new DynamoPriceProtectionStore(createDocumentClient(config), config.TABLE_NAME);
});
