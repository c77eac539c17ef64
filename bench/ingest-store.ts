/**
 * End-to-end ingest into DynamoDB Local: a generated POS file goes through the real ingest use case
 * (S3 read via s3rver, parse, validate, normalize, idempotent line store with its BatchGet + BatchWrite,
 * checkpoints) and the lines/s are reported. DynamoDB Local is single-process Java, far slower than the
 * service; the figure is for comparing changes, not a forecast of AWS throughput.
 */
import { processChannelFile } from '../domain/channel-files/process-channel-file';
import { startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { freePort } from '../infra/local/preflight';
import { dataTemplate, resourcesOfType } from '../infra/local/template';
import { chrmTemplates } from '../infra/local/template-cache';
import { posFile, startChannelDataHarness } from '../test/support/channel-data-harness';

export async function runIngestStoreBench(lineCount = Number(process.env.BENCH_INGEST_LINES ?? 50_000)) {
  const dynamoDb = await startDynamoDbLocal(await freePort());
  const [, definition] =
    resourcesOfType(dataTemplate(await chrmTemplates()), 'AWS::DynamoDB::GlobalTable')[0] ?? [];
  if (!definition) throw new Error('The data stack defines no table');
  const harness = await startChannelDataHarness({ endpoint: dynamoDb.endpoint, definition });
  try {
    const fileId = await harness.upload(posFile(lineCount, 1));
    const started = performance.now();
    const result = await processChannelFile(harness.deps, { fileId, deadline: Number.MAX_SAFE_INTEGER });
    const seconds = (performance.now() - started) / 1000;
    const file = await harness.deps.files.get(fileId);
    if (result.status !== 'completed' || file?.counts.accepted !== lineCount) {
      throw new Error(`ingest bench did not store every line: ${JSON.stringify(file?.counts)}`);
    }
    return {
      ingestLines: lineCount,
      ingestSeconds: Number(seconds.toFixed(2)),
      ingestLinesPerSecond: Math.round(lineCount / seconds),
    };
  } finally {
    await harness.stop();
    await dynamoDb.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await runIngestStoreBench());
}
