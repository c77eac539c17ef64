import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProgramRunResult } from '../../domain/accrual-runs/accrual-run';
import { storeChannelLines } from '../../domain/channel-files/store-channel-lines';
import type { NormalizedSaleLine } from '../../domain/ingestion/ingest-types';
import { DynamoChannelLines } from '../../functions/adapters/dynamo-channel-lines';
import { DynamoChannelQueries } from '../../functions/adapters/dynamo-channel-queries';
import { createDocumentClient, readClientOf } from '../../functions/adapters/dynamo-client';
import { masterDataStores } from '../../functions/adapters/master-data-stores';
import { DynamoRunLineSource } from '../../functions/adapters/run-line-source';
import {
  salesByPeriodPartition,
  salesShardOf,
  shardCount,
} from '../../functions/adapters/table-keys/channel-lines';
import { loadConfig } from '../../functions/shared/config';
import { commandsOf, countCommands } from '../support/dynamodb-calls';
import { partnerData } from '../support/master-data-fixtures';
import { createTestTable } from '../support/test-table';
import { accrualRunDeps, type FakeAccrualRunDeps } from '../unit/accrual-runs/fakes';
import { completedRun, inForce } from '../unit/accrual-runs/scenario';

let source: DynamoRunLineSource;
let store: DynamoChannelLines;
let partners: ReturnType<typeof masterDataStores>['partners'];

const meta = { version: 1, createdAt: '2026-04-01T00:00:00.000Z', updatedAt: '2026-04-01T00:00:00.000Z' };

const saleLine = (
  partnerId: string,
  fileId: string,
  invoice: string,
  overrides: Partial<NormalizedSaleLine> = {},
): NormalizedSaleLine => ({
  partnerId,
  sourceFileId: fileId,
  sourceLineNumber: 2,
  invoiceNumber: invoice,
  invoiceLine: '1',
  invoiceDate: '2026-03-10',
  sku: 'SKU-1',
  partnerSku: 'P-SKU-1',
  category: 'CAT-A',
  quantity: '100',
  uom: 'EA',
  reportedQuantity: '100',
  reportedUom: 'EA',
  extendedAmount: '1000.00',
  currency: 'USD',
  custom: {},
  ...overrides,
});

beforeAll(async () => {
  await createTestTable();
  const config = loadConfig();
  const client = createDocumentClient(config);
  partners = masterDataStores(client, config.TABLE_NAME).partners;
  for (const partnerId of ['P-A', 'P-B']) await partners.create({ ...partnerData(partnerId), ...meta });
  source = new DynamoRunLineSource(partners, client, config.TABLE_NAME);
  store = new DynamoChannelLines(client, config.TABLE_NAME);
});

/** The counters of P-A and P-B for March and April, as `partner month` → changes. */
async function counters(): Promise<Record<string, number>> {
  const read = await source.lineChanges(['2026-03', '2026-04']);
  return Object.fromEntries(read.map((entry) => [`${entry.partnerId} ${entry.month}`, entry.changes]));
}

describe('line change counters in DynamoDB', () => {
  it('move for every write, restatement (both months when it changes month) and withdrawal, never for a resubmission', async () => {
    // Arrange
    const before = await counters();
    const first = [saleLine('P-A', 'F-1', 'INV-1'), saleLine('P-A', 'F-1', 'INV-2')];

    // Act / Assert: new lines move P-A's March only.
    await storeChannelLines(store, 'F-1', first);
    const written = await counters();
    expect(before).toEqual({ 'P-A 2026-03': 0, 'P-A 2026-04': 0, 'P-B 2026-03': 0, 'P-B 2026-04': 0 });
    expect(written['P-A 2026-03']).toBeGreaterThan(0);
    expect({ ...written, 'P-A 2026-03': 0 }).toEqual(before);

    // The same lines again (a resubmitted file) write nothing and move nothing.
    await storeChannelLines(store, 'F-1b', [
      saleLine('P-A', 'F-1b', 'INV-1'),
      saleLine('P-A', 'F-1b', 'INV-2'),
    ]);
    expect(await counters()).toEqual(written);

    // A restatement that moves INV-2 to April moves both months.
    await storeChannelLines(store, 'F-2', [saleLine('P-A', 'F-2', 'INV-2', { invoiceDate: '2026-04-02' })]);
    const restated = await counters();
    expect(restated['P-A 2026-03']).toBeGreaterThan(written['P-A 2026-03'] ?? 0);
    expect(restated['P-A 2026-04']).toBeGreaterThan(0);

    // Withdrawing F-2 (its file failed) puts INV-2 back in March: both months move again.
    await store.withdrawFileLines('F-2');
    const withdrawn = await counters();
    expect(withdrawn['P-A 2026-03']).toBeGreaterThan(restated['P-A 2026-03'] ?? 0);
    expect(withdrawn['P-A 2026-04']).toBeGreaterThan(restated['P-A 2026-04'] ?? 0);
    expect(withdrawn['P-B 2026-03']).toBe(0);
  });

  it('move again when a file is retried after its writer died between its write and its bump (both months of a restatement)', async () => {
    // Arrange: a store whose client dies at the first counter bump after a transaction of line writes.
    const dying = storeDyingAfterATransaction();
    await storeChannelLines(store, 'F-9', [saleLine('P-A', 'F-9', 'INV-9')]);
    const restatement = [saleLine('P-A', 'F-10', 'INV-9', { invoiceDate: '2026-04-20', quantity: '7' })];

    // Act: the restatement lands, its bump after does not; a run reading now records these counters.
    await expect(storeChannelLines(dying, 'F-10', restatement)).rejects.toThrow('killed after the write');
    const seenByARunInBetween = await counters();
    await storeChannelLines(store, 'F-10', restatement);

    // Assert: the retry wrote nothing new, yet both months moved past what that run recorded.
    const retried = await counters();
    expect(retried['P-A 2026-03']).toBeGreaterThan(seenByARunInBetween['P-A 2026-03'] ?? 0);
    expect(retried['P-A 2026-04']).toBeGreaterThan(seenByARunInBetween['P-A 2026-04'] ?? 0);
  });

  it('move again when a withdrawal is retried after it died between its transaction and its bump', async () => {
    // Arrange: F-12 restates INV-12 into April; its withdrawal puts INV-12 back in March.
    await storeChannelLines(store, 'F-11', [saleLine('P-B', 'F-11', 'INV-12')]);
    await storeChannelLines(store, 'F-12', [
      saleLine('P-B', 'F-12', 'INV-12', { invoiceDate: '2026-04-21' }),
    ]);

    // Act: the withdrawal lands, its bump after does not; a run reading now records these counters.
    await expect(storeDyingAfterATransaction().withdrawFileLines('F-12')).rejects.toThrow(
      'killed after the write',
    );
    const seenByARunInBetween = await counters();
    expect(await store.withdrawFileLines('F-12')).toBe(0);

    // Assert: the retry found nothing left to withdraw, yet both months moved past what that run recorded.
    const retried = await counters();
    expect(retried['P-B 2026-03']).toBeGreaterThan(seenByARunInBetween['P-B 2026-03'] ?? 0);
    expect(retried['P-B 2026-04']).toBeGreaterThan(seenByARunInBetween['P-B 2026-04'] ?? 0);
  });
});

/** A channel-line store whose client dies at the first counter update after a transaction (a `kill -9`). */
function storeDyingAfterATransaction(): DynamoChannelLines {
  const config = loadConfig();
  const client = createDocumentClient(config);
  const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  let transacted = false;
  // The same client object, `send` replaced: its reads go through its read client (readClientOf).
  Object.assign(client, {
    send: (command: object) => {
      if (command instanceof TransactWriteCommand) transacted = true;
      else if (command instanceof UpdateCommand && transacted) throw new Error('killed after the write');
      return send(command);
    },
  });
  return new DynamoChannelLines(client, config.TABLE_NAME);
}

describe('a rerun over DynamoDB lines', () => {
  it('reuses the last completed run’s snapshot while no counter moved, and reads again only the partner-months a late line, a restatement or a withdrawal moved', async () => {
    // Arrange: one program of $0.10 a unit; P-B sold 100 units in March.
    const fake = accrualRunDeps();
    await inForce(fake);
    const deps = { ...fake, lines: source };
    await storeChannelLines(store, 'F-B1', [saleLine('P-B', 'F-B1', 'B-1')]);
    const runOf = async (
      on: FakeAccrualRunDeps,
      { runId, results }: { runId: string; results: readonly ProgramRunResult[] },
    ) => {
      const run = await on.runs.get(runId);
      return {
        runId,
        earned: results[0]?.earned.USD,
        lineSource: run?.lineSource,
        lineCount: run?.lineCount,
        fingerprint: run?.lineSetFingerprint,
        computed: on.snapshots.computed.get(`${runId}/VOL-2026`),
      };
    };
    const earnedOf = async () => runOf(fake, await completedRun(deps));
    /** The same lines read in full: a run on deps of its own, which know no earlier run. */
    const fullRead = async () => {
      const alone = accrualRunDeps();
      await inForce(alone);
      return runOf(alone, await completedRun({ ...alone, lines: source }));
    };

    // Act
    const first = await earnedOf();
    const rerun = await earnedOf();
    await storeChannelLines(store, 'F-B2', [saleLine('P-B', 'F-B2', 'B-2', { quantity: '50' })]);
    const late = await earnedOf();
    const lateInFull = await fullRead();
    await storeChannelLines(store, 'F-B3', [saleLine('P-B', 'F-B3', 'B-1', { quantity: '300' })]);
    const restated = await earnedOf();
    await store.withdrawFileLines('F-B3');
    const withdrawn = await earnedOf();
    await storeChannelLines(store, 'F-B4', [saleLine('P-B', 'F-B4', 'B-2', { invoiceDate: '2026-04-03' })]);
    const moved = await earnedOf();
    const movedInFull = await fullRead();
    const again = await earnedOf();

    // Assert: the rerun took the first run's lines (of every month the run reads around March) and came to
    // the same result; each change was read, and only its partner-months.
    const months = ['2026-02', '2026-03', '2026-04'];
    expect(first.lineSource).toMatchObject({
      reusedFromRunId: null,
      monthsRead: months,
      partnerMonthsRead: 6,
    });
    expect(rerun.lineSource).toMatchObject({ reusedFromRunId: first.runId, monthsReused: months });
    expect(rerun.lineSource).toMatchObject({ monthsRead: [], partnerMonthsRead: 0, partnerMonthsReused: 6 });
    expect(rerun.earned).toBe(first.earned);
    expect(rerun.lineCount).toBe(first.lineCount);
    // (P-A's March lines of the test above are in the table too: compare with the first run.)
    const plus = (amount: string | undefined, more: number) => (Number(amount) + more).toFixed(2);
    const lines = (first.lineCount ?? 0) + 1;
    const pbMarch = { partnerId: 'P-B', month: '2026-03' };
    const pbApril = { partnerId: 'P-B', month: '2026-04' };
    expect(
      [late, restated, withdrawn, moved].map((run) => [
        run.lineSource?.reusedFromRunId,
        run.lineSource?.partnerMonthsReadAgain,
        run.lineCount,
        run.earned,
      ]),
    ).toEqual([
      [rerun.runId, [pbMarch], lines, plus(first.earned, 5)], // 50 more units at $0.10
      [late.runId, [pbMarch], lines, plus(first.earned, 25)], // B-1 restated from 100 to 300 units
      [restated.runId, [pbMarch], lines, plus(first.earned, 5)], // the restatement withdrawn
      [withdrawn.runId, [pbMarch, pbApril], lines, plus(first.earned, 0)], // B-2 restated into April: out of March
    ]);
    expect(again.lineSource).toMatchObject({ reusedFromRunId: moved.runId, partnerMonthsRead: 0 });
    // What a full read of the same lines gives: the same line set and the same result to post.
    for (const [partial, full] of [
      [late, lateInFull],
      [moved, movedInFull],
    ] as const) {
      expect(full.lineSource?.reusedFromRunId).toBeNull();
      expect([partial.fingerprint, partial.earned, partial.computed]).toEqual([
        full.fingerprint,
        full.earned,
        full.computed,
      ]);
    }
  });
});

/** A document client that notes the partition of every Query sent through it or its read client. */
function queryCountingClient() {
  const client = createDocumentClient(loadConfig());
  const partitions: string[] = [];
  for (const sender of [client, readClientOf(client)]) {
    const send = sender.send.bind(sender) as (command: unknown) => Promise<unknown>;
    Object.assign(sender, {
      send: (command: { input: { ExpressionAttributeValues?: Record<string, unknown> } }) => {
        const partition = command.input.ExpressionAttributeValues?.[':pk'];
        if (partition !== undefined)
          partitions.push(
            typeof partition === 'string' ? partition : String((partition as { S?: string }).S),
          );
        return send(command);
      },
    });
  }
  return { client, partitions };
}

describe('the sales shard directory', () => {
  it('a listing and a run query only the shards holding lines (none in an empty month), and find a line written later to a new shard', async () => {
    // Arrange: P-A's July invoices, two in one shard; a third, in another shard, comes later.
    const invoices = Array.from({ length: 100 }, (_, n) => `JUL-${n}`);
    const shardOf = (invoice: string) => salesShardOf(invoice, '1');
    const [first = '', ...others] = invoices;
    const sameShard = others.find((invoice) => shardOf(invoice) === shardOf(first)) ?? '';
    const otherShard = others.find((invoice) => shardOf(invoice) !== shardOf(first)) ?? '';
    const july = (invoice: string, line: number) =>
      saleLine('P-A', 'F-J', invoice, { invoiceDate: '2026-07-05', sourceLineNumber: line });
    await storeChannelLines(store, 'F-J1', [july(first, 2), july(sameShard, 3)]);
    const { client, partitions } = queryCountingClient();
    const table = loadConfig().TABLE_NAME;
    const listing = new DynamoChannelQueries(client, table);
    const run = new DynamoRunLineSource(partners, client, table);
    const read = async (month: string) => {
      partitions.length = 0;
      const page = await listing.salesInMonth('P-A', month, { limit: 25 });
      const listed = {
        invoices: page.items.map((line) => line.invoiceNumber).sort(),
        queried: [...partitions],
      };
      partitions.length = 0;
      const ran: string[] = [];
      for await (const line of run.salesInMonth(month, 'P-A')) ran.push(line.invoiceNumber);
      return { listed, ran: { invoices: ran.sort(), queried: [...partitions] } };
    };
    const partition = (invoice: string) => salesByPeriodPartition('P-A', '2026-07', shardOf(invoice));

    // Act
    const before = await read('2026-07');
    const empty = await read('2026-08');
    await storeChannelLines(store, 'F-J2', [july(otherShard, 2)]);
    const after = await read('2026-07');

    // Assert
    const two = { invoices: [first, sameShard].sort(), queried: [partition(first)] };
    expect(before).toEqual({ listed: two, ran: two });
    expect(empty).toEqual({ listed: { invoices: [], queried: [] }, ran: { invoices: [], queried: [] } });
    // The listing reads its shards in order; the run several at a time, in any order.
    const inShardOrder = [first, otherShard].sort((a, b) => shardOf(a) - shardOf(b)).map(partition);
    const all = [first, sameShard, otherShard].sort();
    expect(after.listed).toEqual({ invoices: all, queried: inShardOrder });
    expect(after.ran.invoices).toEqual(all);
    expect([...after.ran.queried].sort()).toEqual([...inShardOrder].sort());
  });

  it('a month whose directory lists every shard is listed without reading the directory again, a line written later included', async () => {
    // Arrange: P-B's September invoices, one in each shard (more follow later, in shards already listed).
    const invoices = new Map<number, string>();
    for (let n = 0; invoices.size < shardCount; n++) {
      if (!invoices.has(salesShardOf(`SEP-${n}`, '1')))
        invoices.set(salesShardOf(`SEP-${n}`, '1'), `SEP-${n}`);
    }
    const september = (invoice: string) => saleLine('P-B', 'F-S', invoice, { invoiceDate: '2026-09-07' });
    await storeChannelLines(store, 'F-S1', [...invoices.values()].map(september));
    const client = createDocumentClient(loadConfig());
    const { sentBy } = countCommands(client);
    const listing = new DynamoChannelQueries(client, loadConfig().TABLE_NAME);
    const list = async () => {
      let invoicesListed: string[] = [];
      const sent = commandsOf(
        await sentBy(async () => {
          const page = await listing.salesInMonth('P-B', '2026-09', { limit: 100 });
          invoicesListed = page.items.map((line) => String(line.invoiceNumber)).sort();
        }),
      );
      return { invoices: invoicesListed, sent };
    };

    // Act
    const first = await list();
    const second = await list();
    await storeChannelLines(store, 'F-S2', [september('SEP-LATE')]);
    const third = await list();

    // Assert: the directory read once, then every shard read straight away, the later line found.
    const queries = Array.from({ length: shardCount }, () => 'QueryCommand');
    const all = [...invoices.values()].sort();
    expect(first).toEqual({ invoices: all, sent: ['GetItemCommand', ...queries] });
    expect(second).toEqual({ invoices: all, sent: queries });
    expect(third).toEqual({ invoices: [...all, 'SEP-LATE'].sort(), sent: queries });
  });
});
