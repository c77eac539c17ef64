import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { lineStateOf } from '../../domain/accrual-runs/line-state';
import type { LedgerPosting } from '../../domain/ledger/ledger-posting';
import { liabilitiesOf } from '../../domain/reports/liabilities';
import { DynamoAccrualLedger } from '../../functions/adapters/dynamo-accrual-ledger';
import { putAll } from '../../functions/adapters/dynamo-batch';
import { lineWriteItem } from '../../functions/adapters/dynamo-channel-lines';
import { DynamoChannelQueries } from '../../functions/adapters/dynamo-channel-queries';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { DynamoLiabilitySummaries } from '../../functions/adapters/dynamo-liability-summaries';
import { everyShard, salesShards } from '../../functions/adapters/line-change-counters';
import { masterDataStores } from '../../functions/adapters/master-data-stores';
import { backfillReadModels } from '../../functions/adapters/read-model-backfill';
import { DynamoRunLineSource } from '../../functions/adapters/run-line-source';
import { lineChangesKey, salesShardOf } from '../../functions/adapters/table-keys/channel-lines';
import { claimFundKeys } from '../../functions/adapters/table-keys/claims';
import { ledgerPostingKeys } from '../../functions/adapters/table-keys/ledger';
import { type Config, loadConfig } from '../../functions/shared/config';
import { runPosting } from '../support/accrual-ledger-contract';
import { checkbookLiabilityRows } from '../support/checkbook-liabilities';
import { hookedClient } from '../support/hooked-client';
import { partnerData } from '../support/master-data-fixtures';
import { createTestTable } from '../support/test-table';
import { accrualRunDeps } from '../unit/accrual-runs/fakes';
import { completedRun, inForce } from '../unit/accrual-runs/scenario';
import { sale } from '../unit/channel-files/sale-line';
import { posting as ledgerPosting } from '../unit/ledger/builders';

let config: Config;
let client: ReturnType<typeof createDocumentClient>;
let ledger: DynamoAccrualLedger;
let summaries: DynamoLiabilitySummaries;

beforeAll(async () => {
  await createTestTable();
  config = loadConfig();
  client = createDocumentClient(config);
  ledger = new DynamoAccrualLedger(client, config.TABLE_NAME);
  summaries = new DynamoLiabilitySummaries(client, config.TABLE_NAME);
});

/** Postings as code older than liability summaries stored them: the item alone, no mark, no summary. */
const storeLegacyPostings = (postings: readonly LedgerPosting[]) =>
  putAll(
    client,
    config.TABLE_NAME,
    postings.map((posting) => ({ ...posting, ...ledgerPostingKeys(posting), type: 'LedgerPosting' })),
  );

/** The liabilities report's rows, from the summaries. */
const reportRows = async () => liabilitiesOf(await summaries.liabilitySummaries({}), {}).rows;

/** A backfill with small pages (many checkpoints) over four segments, on a client of its own. */
const backfill = (options: { restart?: boolean; backfillClient?: typeof client } = {}) =>
  backfillReadModels(options.backfillClient ?? createDocumentClient(config), config.TABLE_NAME, {
    segments: 4,
    pageSize: 7,
    restart: options.restart ?? false,
  });

/** A backfill client whose `at`-th transaction first waits for `before` (see `hookedClient`). */
const hookedTransactions = (at: number, before: () => Promise<unknown>) =>
  hookedClient(config, TransactWriteCommand, at, before);

describe('upgrade backfill of liability summaries', () => {
  it('adds legacy postings to the report exactly once: 20 × 1.25 for P-OLD and P-MIX’s 3 × 2.00 beside its live postings, through a rerun, live postings mid-way and two backfills at once', async () => {
    // Arrange: P-OLD's 20 postings of 1.25 and P-MIX's 3 of 2.00 predate the summaries; P-MIX has 4.00
    // posted since the deploy (summarized with it) and a legacy claim of 1.50.
    const program = { programId: 'UPG-PRG' };
    const legacy = [
      ...Array.from({ length: 20 }, (_, index) => runPosting('OLD', index, 'P-OLD', '1.25', program)),
      ...Array.from({ length: 3 }, (_, index) => runPosting('OLD', 100 + index, 'P-MIX', '2.00', program)),
      ledgerPosting('claim', {
        postingId: 'claim#UPG-1',
        programId: 'UPG-PRG',
        period: '2026-03',
        beneficiaryPartnerId: 'P-MIX',
        partnerId: 'P-MIX',
        amount: '1.50',
        sku: null,
        uom: null,
      }),
    ];
    await storeLegacyPostings(legacy);
    const deployed = runPosting('NEW', 1, 'P-MIX', '4.00', program);
    await ledger.postIndependent(deployed);
    const before = await reportRows();
    const live = [1, 2, 3, 4, 5].map((index) => runPosting('LIVE', index, 'P-MIX', '0.10', program));

    // Act: one live posting lands between the backfill's scan and its 2nd transaction; four more race it.
    const [first] = await Promise.all([
      backfill({
        backfillClient: hookedTransactions(2, () => ledger.postIndependent(live[0] as LedgerPosting)),
      }),
      ...live.slice(1).map((posting) => ledger.postIndependent(posting)),
    ]);
    const afterFirst = await reportRows();
    const resumed = await backfill();
    const restarted = await backfill({ restart: true });
    const more = Array.from({ length: 10 }, (_, index) =>
      runPosting('OLD2', index, 'P-OLD', '0.01', program),
    );
    await storeLegacyPostings(more);
    const racing = await Promise.all([backfill({ restart: true }), backfill({ restart: true })]);
    const after = await reportRows();

    // Assert: on the old code the report knew only the posting written with its summary.
    expect(before.map((row) => [row.partnerId, row.earned])).toEqual([['P-MIX', '4.00']]);
    const all = [...legacy, deployed, ...live, ...more];
    expect(afterFirst).toEqual(checkbookLiabilityRows([...legacy, deployed, ...live]));
    expect(after).toEqual(checkbookLiabilityRows(all));
    // P-OLD: 20 × 1.25 + 10 × 0.01; P-MIX: 3 × 2.00 + 4.00 + 5 × 0.10 earned, 1.50 claimed.
    expect(after.map((row) => [row.partnerId, row.earned, row.claimed])).toEqual([
      ['P-MIX', '10.50', '1.50'],
      ['P-OLD', '25.10', '0.00'],
    ]);
    expect(first).toMatchObject({ summariesApplied: legacy.length, complete: true, segmentsLeft: 0 });
    expect(resumed).toMatchObject({ itemsScanned: 0, summariesApplied: 0, complete: true });
    expect(restarted).toMatchObject({ summariesApplied: 0, summariesAlreadyApplied: 0, complete: true });
    // A restart scans the whole table again (postings, summaries, checkpoints) and writes nothing.
    expect(restarted.itemsScanned).toBeGreaterThan(legacy.length + 1 + live.length);
    const [a, b] = racing;
    expect((a?.summariesApplied ?? 0) + (b?.summariesApplied ?? 0)).toBe(more.length);
  });
  it('resumes from its checkpoints after a crash mid-way and counts each posting once: P-CRASH 15 × 0.20 = 3.00', async () => {
    // Arrange
    const program = { programId: 'UPG-CRASH' };
    const legacy = Array.from({ length: 15 }, (_, index) =>
      runPosting('CRASH', index, 'P-CRASH', '0.20', program),
    );
    await storeLegacyPostings(legacy);
    const crashing = hookedTransactions(2, async () => {
      throw new Error('crashed');
    });

    // Act
    const crash = backfill({ restart: true, backfillClient: crashing });
    await expect(crash).rejects.toThrow('crashed');
    const resumed = await backfill();

    // Assert: the crashed pass had applied some; the resumed one the rest.
    expect(resumed).toMatchObject({ complete: true });
    expect(resumed.summariesApplied).toBeGreaterThan(0);
    expect(resumed.summariesApplied).toBeLessThan(legacy.length);
    const row = (await reportRows()).find((found) => found.partnerId === 'P-CRASH');
    expect(row?.earned).toBe('3.00');
  });
});

describe('upgrade backfill of sales shard directories', () => {
  it('lists legacy lines in their months, keeps every shard of a counter older than the directory, and makes the next month-end run read them instead of reusing its snapshot', async () => {
    // Arrange: P-LEG's 12 March lines of 1 unit, stored before the counters (none); P-DIR's March counter
    // lists one shard of its two; P-OLD's April counter predates the directory.
    const partners = masterDataStores(client, config.TABLE_NAME).partners;
    const meta = { version: 1, createdAt: '2026-04-01T00:00:00Z', updatedAt: '2026-04-01T00:00:00Z' };
    for (const partnerId of ['P-LEG', 'P-DIR', 'P-OLD'])
      await partners.create({ ...partnerData(partnerId), ...meta });
    const line = (partnerId: string, invoiceNumber: string, invoiceDate = '2026-03-10') => ({
      line: sale({ partnerId, invoiceNumber, invoiceDate, quantity: '1', sourceFileId: 'F-LEGACY' }),
      outcome: 'accepted' as const,
      version: 1,
    });
    const legacyLines = Array.from({ length: 12 }, (_, index) => line('P-LEG', `LEG-${index}`));
    const invoices = Array.from({ length: 40 }, (_, index) => `DIR-${index}`);
    const firstShard = salesShardOf(invoices[0] ?? '', '1');
    const second = invoices.find((invoice) => salesShardOf(invoice, '1') !== firstShard) ?? '';
    await putAll(client, config.TABLE_NAME, [
      ...legacyLines.map(lineWriteItem),
      lineWriteItem(line('P-DIR', invoices[0] ?? '')),
      lineWriteItem(line('P-DIR', second)),
      lineWriteItem(line('P-OLD', 'OLD-1', '2026-04-03')),
    ]);
    await client.send(
      new PutCommand({
        TableName: config.TABLE_NAME,
        Item: {
          ...lineChangesKey('P-DIR', '2026-03'),
          type: 'LineChanges',
          changes: 1,
          shards: new Set([firstShard]),
        },
      }),
    );
    await client.send(
      new PutCommand({
        TableName: config.TABLE_NAME,
        Item: { ...lineChangesKey('P-OLD', '2026-04'), type: 'LineChanges', changes: 2 },
      }),
    );
    const listing = new DynamoChannelQueries(client, config.TABLE_NAME);
    const listed = async (partnerId: string, month = '2026-03') =>
      (await listing.salesInMonth(partnerId, month, { limit: 100 })).items.length;
    const fake = accrualRunDeps();
    await inForce(fake);
    const source = new DynamoRunLineSource(partners, client, config.TABLE_NAME);
    const deps = { ...fake, lines: source };
    const run = async () => {
      const { runId, results } = await completedRun(deps);
      return { earned: results[0]?.earned.USD, lineSource: (await fake.runs.get(runId))?.lineSource };
    };
    const lineState = async () => lineStateOf(await source.lineChanges(['2026-03', '2026-04']));
    const listedBefore = [await listed('P-LEG'), await listed('P-DIR'), await listed('P-OLD', '2026-04')];
    const runBefore = await run();
    const stateBefore = await lineState();

    // Act (the first test's pass is complete: start over)
    const first = await backfill({ restart: true });
    const listedAfter = [await listed('P-LEG'), await listed('P-DIR'), await listed('P-OLD', '2026-04')];
    const stateAfter = await lineState();
    const runAfter = await run();
    const again = await backfill({ restart: true });

    // Assert: on the old code P-LEG's lines were invisible and P-DIR's second shard unread.
    expect(listedBefore).toEqual([0, 1, 1]);
    expect(listedAfter).toEqual([12, 2, 1]);
    expect(stateAfter).not.toBe(stateBefore);
    // The run after the backfill read the lines (13 more units at $0.10) instead of reusing the one before.
    expect(runAfter.lineSource?.monthsRead).toEqual(expect.arrayContaining(['2026-03', '2026-04']));
    expect(Number(runAfter.earned) - Number(runBefore.earned)).toBeCloseTo(1.3, 10);
    expect(await salesShards(client, config.TABLE_NAME, 'P-OLD', '2026-04')).toEqual(everyShard);
    const legacyShards = new Set(
      legacyLines.map(({ line: { invoiceNumber } }) => salesShardOf(invoiceNumber, '1')),
    );
    expect(await salesShards(client, config.TABLE_NAME, 'P-LEG', '2026-03')).toEqual(
      [...legacyShards].sort((x, y) => x - y),
    );
    // Three partner-months fixed, each by one update or more (its lines on several pages).
    expect(first).toMatchObject({ saleLinesChecked: 15, complete: true });
    expect(first.directoryUpdates).toBeGreaterThanOrEqual(3);
    // A second pass changes nothing, so the run after it still reuses.
    expect(again).toMatchObject({ saleLinesChecked: 15, directoryUpdates: 0 });
    expect(await lineState()).toBe(stateAfter);
  });
});

describe('the backfill Lambda', () => {
  it('stops a minute before its timeout and resumes at the next invocation: 30 s left → nothing scanned, 16 segments left of each job; then both complete', async () => {
    // Arrange: one more legacy posting of 3.00 for P-LAMBDA.
    const { handler } = await import('../../functions/operations/backfill-read-models');
    const invoke = (remainingMs: number) =>
      handler({}, { getRemainingTimeInMillis: () => remainingMs } as Context);
    await storeLegacyPostings([runPosting('OLD3', 1, 'P-LAMBDA', '3.00', { programId: 'UPG-PRG' })]);

    // Act
    const cut = await invoke(30_000);
    const resumed = await invoke(900_000);

    // Assert
    expect(cut).toMatchObject({
      complete: false,
      readModels: { itemsScanned: 0, complete: false, segmentsLeft: 16 },
      fundCredits: { itemsScanned: 0, complete: false, segmentsLeft: 16 },
    });
    expect(resumed).toMatchObject({
      complete: true,
      readModels: { summariesApplied: 1, complete: true, segmentsLeft: 0 },
      fundCredits: { complete: true, segmentsLeft: 0 },
    });
    expect((await reportRows()).find((row) => row.partnerId === 'P-LAMBDA')?.earned).toBe('3.00');
    // The legacy posting's fund has its base: claims on it read no ledger.
    const fund = { partnerId: 'P-LAMBDA', programId: 'UPG-PRG', period: '2026-03', fund: 'rebate' } as const;
    const { pk, sk } = claimFundKeys({ ...fund, currency: 'USD' });
    const { Item } = await client.send(
      new GetCommand({ TableName: config.TABLE_NAME, Key: { pk, sk }, ConsistentRead: true }),
    );
    expect(Item).toMatchObject({ creditBaseMinor: 300 });
    await expect(handler({ segments: 0 }, {} as Context)).rejects.toThrow(/segments/);
  });
});
