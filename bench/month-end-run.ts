/**
 * End-to-end month-end accrual run on the local stack: seeded sale lines for April 2026 across the demo
 * partners are stored through the channel-line store, then a run goes through the real path (run request →
 * Step Functions → validate and snapshot → Map over the demo programs → ledger transactions → summary) and
 * its wall time is reported, with a second run over the same lines (nothing to post) for comparison.
 */
import type { Actor } from '../domain/access/actor';
import { requestAccrualRun } from '../domain/accrual-runs/run-use-cases';
import { storeChannelLines } from '../domain/channel-files/store-channel-lines';
import type { NormalizedSaleLine } from '../domain/ingestion/ingest-types';
import { createAccrualDeps } from '../functions/accruals/create-accrual-deps';
import { DynamoChannelLines } from '../functions/adapters/dynamo-channel-lines';
import { createDocumentClient } from '../functions/adapters/dynamo-client';
import { demoPartners, demoProducts } from '../infra/local/demo/demo-channel';
import { localCredentials } from '../infra/local/dynamodb-local';
import { localRegion } from '../infra/local/intrinsics';
import { type LocalStack, startLocalStack } from '../infra/local/local-stack';
import { seededRandom } from '../test/support/seeded-random';

const finance: Actor = { userId: 'bench-finance', role: 'finance' };

function aprilLines(count: number): NormalizedSaleLine[] {
  const random = seededRandom(20260430);
  const sellers = demoPartners.filter((partner) => partner.currency === 'USD').map((p) => p.partnerId);
  return Array.from({ length: count }, (_, index) => {
    const product = demoProducts[Math.floor(random() * demoProducts.length)] ?? demoProducts[0];
    const quantity = 1 + Math.floor(random() * 20);
    const cents = 1_000 + Math.floor(random() * 90_000);
    return {
      partnerId: sellers[index % sellers.length] ?? 'DIST-NORTH',
      sourceFileId: 'bench',
      sourceLineNumber: index + 2,
      invoiceNumber: `B-${Math.floor(index / 5)}`,
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

/**
 * Stores `lineCount` April lines on `stack` through the channel-line store, with the stack's local
 * credentials in the environment; answers the accrual functions' settings on the stack.
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
  const store = new DynamoChannelLines(createDocumentClient(settings), stack.tableName);
  const lines = aprilLines(lineCount);
  for (let start = 0; start < lines.length; start += 500) {
    await storeChannelLines(store, 'bench', lines.slice(start, start + 500));
  }
  return settings;
}

export async function runMonthEndBench(lineCount = Number(process.env.BENCH_RUN_LINES ?? 10_000)) {
  const seeding = performance.now(); // stack start and storing the lines
  const stack = await startLocalStack({ inMemory: true, apiPort: 0 });
  try {
    const settings = await storeAprilLines(stack, lineCount);
    const setupSeconds = (performance.now() - seeding) / 1000;
    const deps = createAccrualDeps(settings);
    const timeRun = async () => {
      const started = performance.now();
      const run = await requestAccrualRun(deps, finance, {
        period: { start: '2026-04-01', end: '2026-04-30' },
      });
      for (;;) {
        const current = await deps.runs.get(run.runId);
        if (current?.status === 'completed' || current?.status === 'failed') {
          const seconds = (performance.now() - started) / 1000;
          if (current.status === 'failed') throw new Error(`bench run failed: ${current.failure}`);
          return { seconds, current };
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    };
    const first = await timeRun();
    const second = await timeRun();
    const postings = first.current.results.reduce((sum, result) => sum + result.postings, 0);
    // Before the ledger grain a first run posted one posting per entry: the figure to compare with.
    const entries = first.current.results.reduce((sum, result) => sum + result.entries, 0);
    return {
      runLinesStored: lineCount,
      setupSeconds: Number(setupSeconds.toFixed(2)),
      runLinesRead: first.current.lineCount,
      programs: first.current.results.length,
      entries,
      postings,
      monthEndRunSeconds: Number(first.seconds.toFixed(2)),
      rerunNothingToPostSeconds: Number(second.seconds.toFixed(2)),
      rerunPostings: second.current.results.reduce((sum, result) => sum + result.postings, 0),
    };
  } finally {
    await stack.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await runMonthEndBench());
}
