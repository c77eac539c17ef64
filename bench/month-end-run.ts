import os from 'node:os';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
/**
 * End-to-end month-end accrual run on the local stack: seeded sale lines for April 2026 across the demo
 * partners are stored as the channel-line store stores them, then a run goes through the real path (run request →
 * Step Functions → validate and snapshot → Map over the demo programs → ledger transactions → summary) and
 * its wall time is reported, per workflow step too, with a second run over the same lines (nothing to post)
 * and a third after one partner's late file (it reads that partner-month alone).
 */
import type { Actor } from '../domain/access/actor';
import { requestAccrualRun } from '../domain/accrual-runs/run-use-cases';
import { classifyBatch } from '../domain/channel-files/line-restatement';
import type { NormalizedSaleLine } from '../domain/ingestion/ingest-types';
import { createAccrualDeps } from '../functions/accruals/create-accrual-deps';
import { putAll } from '../functions/adapters/dynamo-batch';
import { lineWriteItem } from '../functions/adapters/dynamo-channel-lines';
import { createDocumentClient } from '../functions/adapters/dynamo-client';
import { bumpLineChanges } from '../functions/adapters/line-change-counters';
import { salesShardOf } from '../functions/adapters/table-keys/channel-lines';
import { demoPartners, demoProducts } from '../infra/local/demo/demo-channel';
import { localCredentials } from '../infra/local/dynamodb-local';
import { localRegion } from '../infra/local/intrinsics';
import { type LocalStack, startLocalStack } from '../infra/local/local-stack';
import { seededRandom } from '../test/support/seeded-random';
import { persistently } from './persistently';
import { childrenOf, cpuMilliseconds } from './process-cpu';

const finance: Actor = { userId: 'bench-finance', role: 'finance' };
/** Lines of the late file the third run picks up: a partner's small correction file. */
const lateFileLines = 200;

/**
 * The bench's April lines, `count` of them, generated `chunkSize` at a time (a million do not fit at once):
 * invoices `<invoicePrefix>-…` of the first `partners` USD sellers (all of them by default).
 */
export function* aprilLineChunks(
  count: number,
  chunkSize: number,
  file: { readonly invoicePrefix: string; readonly partners?: number } = { invoicePrefix: 'B' },
): Generator<NormalizedSaleLine[]> {
  const random = seededRandom(20260430);
  const sellers = demoPartners
    .filter((partner) => partner.currency === 'USD')
    .map((p) => p.partnerId)
    .slice(0, file.partners);
  for (let start = 0; start < count; start += chunkSize) {
    yield Array.from({ length: Math.min(chunkSize, count - start) }, (_, offset) => {
      const index = start + offset;
      const product = demoProducts[Math.floor(random() * demoProducts.length)] ?? demoProducts[0];
      const quantity = 1 + Math.floor(random() * 20);
      const cents = 1_000 + Math.floor(random() * 90_000);
      return {
        partnerId: sellers[index % sellers.length] ?? 'DIST-NORTH',
        sourceFileId: 'bench',
        sourceLineNumber: index + 2,
        invoiceNumber: `${file.invoicePrefix}-${Math.floor(index / 5)}`,
        invoiceLine: String((index % 5) + 1),
        invoiceDate: `2026-04-${String(1 + (index % 30)).padStart(2, '0')}`,
        sku: product?.sku ?? '',
        category: product?.category ?? '',
        quantity: String(quantity),
        uom: 'EA',
        reportedQuantity: String(quantity),
        reportedUom: 'EA',
        extendedAmount: ((quantity * cents) / 100).toFixed(2),
        currency: 'USD',
        endCustomerId: `END-${index % 97}`,
        custom: {},
      };
    });
  }
}

/**
 * Stores `lineCount` April lines on `stack` as the channel-line store stores them (see `loadNewLines`), with the stack's local
 * credentials in the environment; answers the accrual functions' settings on the stack. A chunk DynamoDB Local
 * fails under load is stored again (its puts are the same items; its change counters count one bump more,
 * which only says "changed" again to a run that has not read them yet).
 */
export async function storeAprilLines(stack: LocalStack, lineCount: number) {
  const settings = {
    TABLE_NAME: stack.tableName,
    AWS_REGION: localRegion,
    DYNAMODB_ENDPOINT: stack.endpoints.dynamoDb,
    UPLOADS_BUCKET: stack.uploadsBucket,
    EVENT_BUS_NAME: stack.functions.setting('EVENT_BUS_NAME'),
    S3_ENDPOINT: stack.endpoints.s3,
    EVENTS_ENDPOINT: stack.endpoints.eventBridge,
    SFN_ENDPOINT: stack.endpoints.stepFunctions,
    ACCRUAL_STATE_MACHINE_ARN: stack.functions.setting('ACCRUAL_STATE_MACHINE_ARN'),
  };
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
  });
  const client = createDocumentClient(settings);
  const started = performance.now();
  let stored = 0;
  // Chunks in flight at once, each a parallel BatchWrite (`putAll`): DynamoDB Local takes them on its threads.
  const inFlight = new Set<Promise<void>>();
  for (const chunk of aprilLineChunks(lineCount, 5_000)) {
    const load = persistently('store lines', () => loadNewLines(client, stack.tableName, chunk)).then(() => {
      inFlight.delete(load);
      stored += chunk.length;
      if (stored % 20_000 === 0) {
        const seconds = (performance.now() - started) / 1000;
        console.error(
          `stored ${stored} lines in ${seconds.toFixed(0)} s (${(stored / seconds).toFixed(0)}/s)`,
        );
      }
    });
    inFlight.add(load);
    if (inFlight.size >= 3) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return settings;
}

/**
 * Stores lines whose keys the table does not hold yet (the bench's `B-…` invoices on a fresh stack): classified
 * by the store's own rule (every one `accepted` as version 1, or the bench fails) and written as the items
 * the channel-line store writes (`lineWriteItem`, then the change counters), but by BatchWrite instead of conditional transactions,
 * which would take DynamoDB Local ~20 minutes for a million lines.
 */
async function loadNewLines(client: DynamoDBDocumentClient, tableName: string, lines: NormalizedSaleLine[]) {
  const writes = classifyBatch('bench', lines, new Map()).map((classified) => {
    if (classified.write?.outcome !== 'accepted')
      throw new Error(`bench line not new: ${classified.outcome}`);
    return classified.write;
  });
  await putAll(client, tableName, writes.map(lineWriteItem));
  // Then their change counters and shard directories, as the store bumps them (a rerun reads them before its
  // lines; the run reads only the shards listed).
  await bumpLineChanges(
    client,
    tableName,
    lines.map((line) => ({
      partnerId: line.partnerId,
      month: line.invoiceDate.slice(0, 7),
      shard: salesShardOf(line.invoiceNumber, line.invoiceLine),
    })),
  );
}

/**
 * Seconds spent in each accrual-run workflow step of one run, from the stack's own function invocations:
 * `prepare` (read lines, snapshot, summaries, compute), `post` (the Map items, summed and wall-clock from the
 * first to the last), `complete`. Keyed by the handler's file, so a renamed Lambda still counts.
 */
function timeWorkflowSteps(stack: LocalStack) {
  type Step = { seconds: number; first: number; last: number };
  const runs = new Map<string, Record<string, Step>>();
  const invoke = stack.functions.invoke.bind(stack.functions);
  stack.functions.invoke = async (logicalId, event) => {
    const step = /(prepare|complete)-accrual-run|(post)-program-accruals/.exec(
      stack.functions.get(logicalId).entry,
    );
    const name = step?.[1] ?? step?.[2];
    const runId = (event as { runId?: unknown }).runId;
    const started = performance.now();
    try {
      return await invoke(logicalId, event);
    } finally {
      if (name !== undefined && typeof runId === 'string') {
        const steps = runs.get(runId) ?? {};
        const seen = steps[name] ?? { seconds: 0, first: started, last: started };
        const ended = performance.now();
        steps[name] = { seconds: seen.seconds + (ended - started) / 1000, first: seen.first, last: ended };
        runs.set(runId, steps);
      }
    }
  };
  /** The seconds of each step of run `runId` (the Map's items: wall-clock from the first to the last, and summed). */
  return (runId: string) =>
    Object.fromEntries(
      Object.entries(runs.get(runId) ?? {}).map(([name, { seconds, first, last }]) => [
        name,
        name === 'post'
          ? `${((last - first) / 1000).toFixed(2)} wall (${seconds.toFixed(2)} summed)`
          : seconds.toFixed(2),
      ]),
    );
}

const loadAverage = () =>
  os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(' / ');

export async function runMonthEndBench(lineCount = Number(process.env.BENCH_RUN_LINES ?? 10_000)) {
  const seeding = performance.now(); // stack start and storing the lines
  const stack = await startLocalStack({ inMemory: true, apiPort: 0 });
  try {
    const stackSeconds = (performance.now() - seeding) / 1000;
    const settings = await storeAprilLines(stack, lineCount);
    const setupSeconds = (performance.now() - seeding) / 1000;
    const deps = createAccrualDeps(settings);
    const stepSeconds = timeWorkflowSteps(stack);
    const dynamoDbLocal = childrenOf(process.pid);
    const cpuSeconds = () => {
      const node = process.cpuUsage();
      const java = dynamoDbLocal.reduce((sum, pid) => sum + (cpuMilliseconds(pid) ?? 0), 0);
      return { node: (node.user + node.system) / 1e6, dynamoDbLocal: java / 1000 };
    };
    const timeRun = async () => {
      const started = performance.now();
      const cpuBefore = cpuSeconds();
      const run = await requestAccrualRun(deps, finance, {
        period: { start: '2026-04-01', end: '2026-04-30' },
      });
      for (;;) {
        const current = await deps.runs.get(run.runId);
        if (current?.status === 'completed' || current?.status === 'failed') {
          const seconds = (performance.now() - started) / 1000;
          if (current.status === 'failed') throw new Error(`bench run failed: ${current.failure}`);
          // The summarize step records `completed` before it returns: let its invocation end.
          await new Promise((resolve) => setTimeout(resolve, 100));
          const cpuAfter = cpuSeconds();
          const cpu = `node ${(cpuAfter.node - cpuBefore.node).toFixed(1)} + DynamoDB Local ${(cpuAfter.dynamoDbLocal - cpuBefore.dynamoDbLocal).toFixed(1)}`;
          return { seconds, current, steps: stepSeconds(run.runId), cpu, loadAverage: loadAverage() };
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const first = await timeRun();
    const second = await timeRun();
    // One partner's late file of April: the next run reads that partner-month alone, the rest from the snapshot.
    const [lateFile = []] = aprilLineChunks(lateFileLines, lateFileLines, {
      invoicePrefix: 'LATE',
      partners: 1,
    });
    await loadNewLines(createDocumentClient(settings), stack.tableName, lateFile);
    const third = await timeRun();
    const postings = first.current.results.reduce((sum, result) => sum + result.postings, 0);
    // Before the ledger grain a first run posted one posting per entry: the figure to compare with.
    const entries = first.current.results.reduce((sum, result) => sum + result.entries, 0);
    return {
      runLinesStored: lineCount,
      stackStartSeconds: Number(stackSeconds.toFixed(2)),
      setupSeconds: Number(setupSeconds.toFixed(2)),
      linesStoredPerSecond: Math.round(lineCount / (setupSeconds - stackSeconds)),
      runLinesRead: first.current.lineCount,
      // Each month read is partners × 16 shard Queries, most of them empty outside April.
      monthsRead: first.current.months.join(' '),
      programs: first.current.results.length,
      entries,
      postings,
      monthEndRunSeconds: Number(first.seconds.toFixed(2)),
      monthEndRunSteps: JSON.stringify(first.steps),
      monthEndRunCpuSeconds: first.cpu,
      monthEndRunLoadAverage: first.loadAverage,
      rerunNothingToPostSeconds: Number(second.seconds.toFixed(2)),
      rerunSteps: JSON.stringify(second.steps),
      rerunCpuSeconds: second.cpu,
      rerunLoadAverage: second.loadAverage,
      rerunLinesRead: second.current.lineCount,
      // Unchanged counters: the rerun takes the first run's snapshot instead of reading the lines.
      rerunLinesReusedFrom: second.current.lineSource?.reusedFromRunId ?? 'none (read)',
      rerunPostings: second.current.results.reduce((sum, result) => sum + result.postings, 0),
      lateFileLines,
      lateFileRerunSeconds: Number(third.seconds.toFixed(2)),
      lateFileRerunSteps: JSON.stringify(third.steps),
      lateFileRerunCpuSeconds: third.cpu,
      lateFileRerunLoadAverage: third.loadAverage,
      lateFileRerunLinesRead: third.current.lineCount,
      lateFileRerunPartnerMonthsRead: JSON.stringify(third.current.lineSource?.partnerMonthsReadAgain),
      lateFileRerunPartnerMonthsReused: third.current.lineSource?.partnerMonthsReused ?? 0,
      lateFileRerunPostings: third.current.results.reduce((sum, result) => sum + result.postings, 0),
    };
  } finally {
    await stack.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await runMonthEndBench());
}
