/**
 * Entity layer benchmark (issue 9): our own layer (key modules + table-access.ts + dynamo-batch.ts) against
 * ElectroDB and DynamoDB-Toolbox v2 for the item the batch writes carry most, the sale line. Measured, no network:
 *   - bundle: a minimal handler (a page of a partner-month's sales, then a batch write) bundled as ChrmFunction
 *     bundles (esbuild, ESM, minified, the AWS SDK external as on the Lambda runtime), bytes and gzip bytes;
 *   - cold start: importing that bundle in a fresh node process (median of `spawns`);
 *   - hot loop: building `items` put items (keys and item), alone and then marshalled as the DocumentClient
 *     does before a BatchWrite (CPU ms, median of 3 after a warm-up), and the marshalled item's JSON size.
 *   - batch write: `written` of those items into DynamoDB Local through each layer (seconds; every item stored).
 * All three must build the same table and index keys, ours the item the channel-line store writes, and
 * DynamoDB-Toolbox (configured without its entity marker and timestamps) the same item as ours, or it fails.
 * Run: `npm run bench -- entity-layer`.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDeepStrictEqual, promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { type DynamoDBDocumentClient, paginateScan } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { BatchPutRequest } from 'dynamodb-toolbox/entity/actions/batchPut';
import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { build } from 'esbuild';
import type { NormalizedSaleLine } from '../domain/ingestion/ingest-types';
import { putAll } from '../functions/adapters/dynamo-batch';
import { lineWriteItem } from '../functions/adapters/dynamo-channel-lines';
import { storageStripper } from '../functions/adapters/table-access';
import { keyAttributes } from '../functions/adapters/table-cursor';
import { createTableFromTemplate } from '../infra/local/dynamodb-local';
import { benchDynamoDb } from './bench-dynamodb';
import { saleLineEntity } from './entity-layer/electrodb-sale-line';
import { saleLineItem } from './entity-layer/ours';
import { saleLineEntity as toolboxSaleLineEntity } from './entity-layer/toolbox-sale-line';
import { putSaleLines } from './entity-layer/toolbox-writes';
import { aprilLineChunks } from './month-end-run';

const layers = {
  ours: 'entity-layer/ours-handler.ts',
  electrodb: 'entity-layer/electrodb-handler.ts',
  toolbox: 'entity-layer/toolbox-handler.ts',
} as const;
type Layer = keyof typeof layers;
const layerNames = Object.keys(layers) as Layer[];

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

async function bundled(layer: Layer) {
  // In bench/ (git-ignored), so that the external AWS SDK resolves from the project's node_modules, as the
  // Lambda runtime provides it.
  const outfile = join(import.meta.dirname, `entity-layer-${layer}.bundle.mjs`);
  await build({
    entryPoints: [join(import.meta.dirname, layers[layer])],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    mainFields: ['module', 'main'],
    external: ['@aws-sdk/*'],
    banner: { js: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);" },
    outfile,
    logLevel: 'warning',
  });
  const code = readFileSync(outfile);
  return { outfile, bytes: code.length, gzipBytes: gzipSync(code).length };
}

/** Milliseconds a fresh node process takes to import the bundle (module loading and initialization). */
async function importMilliseconds(outfile: string): Promise<number> {
  const script = `const start = performance.now(); await import(${JSON.stringify(pathToFileURL(outfile).href)}); console.log(performance.now() - start);`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, AWS_REGION: 'eu-west-1' },
  });
  return Number(stdout.trim());
}

/** CPU milliseconds of `run` in this process (median of 3 after one warm-up). */
function cpuOf(run: () => unknown): number {
  run();
  const samples = Array.from({ length: 3 }, () => {
    const start = process.cpuUsage();
    run();
    const used = process.cpuUsage(start);
    return (used.user + used.system) / 1000;
  });
  return median(samples);
}

/** Which table and index keys of two items differ (none when the two layers build the same keys). */
export function differingKeys(ours: Record<string, unknown>, theirs: Record<string, unknown>): string[] {
  return [...keyAttributes].filter((name) => ours[name] !== theirs[name]);
}

/**
 * Whether a DynamoDB-Toolbox query of one partner-month shard reads the items our layer wrote (no entity marker,
 * no timestamps) back as the records they store, as our `storageStripper` does.
 */
async function toolboxReadsOurs(
  client: DynamoDBDocumentClient,
  table: string,
  lines: readonly NormalizedSaleLine[],
): Promise<boolean> {
  const [first] = lines;
  if (!first) return false;
  const entity = toolboxSaleLineEntity(client, table);
  const { gsi1pk } = saleLineItem(first);
  const { Items = [] } = await entity.table
    .build(QueryCommand)
    .entities(entity)
    .query({ index: 'gsi1', partition: gsi1pk })
    .options({ limit: 100 })
    .send();
  const record = storageStripper();
  const stored = new Map(
    lines.map((line) => [
      `${line.partnerId}#${line.invoiceNumber}#${line.invoiceLine}`,
      record(saleLineItem(line)),
    ]),
  );
  return (
    Items.length > 0 &&
    Items.every((item) =>
      isDeepStrictEqual(item, stored.get(`${item.partnerId}#${item.invoiceNumber}#${item.invoiceLine}`)),
    )
  );
}

/**
 * Seconds to batch-write `lines` into DynamoDB Local through each layer (8 requests in flight each), and the
 * items each table then holds.
 */
async function batchWrites(lines: readonly NormalizedSaleLine[]) {
  const { dynamoDb, definition, client } = await benchDynamoDb();
  try {
    const write: Record<Layer, (table: string) => Promise<unknown>> = {
      ours: (table) => putAll(client, table, lines.map(saleLineItem)),
      electrodb: (table) =>
        saleLineEntity(client, table)
          .put([...lines])
          .go({ concurrent: 8 }),
      toolbox: (table) => putSaleLines(toolboxSaleLineEntity(client, table), lines),
    };
    const figures = async (layer: Layer) => {
      const table = `bench-${layer}`;
      await createTableFromTemplate(dynamoDb.client, table, definition);
      const started = performance.now();
      await write[layer](table);
      const seconds = (performance.now() - started) / 1000;
      let stored = 0;
      // A scan counts at most 1 MB per page.
      for await (const page of paginateScan({ client }, { TableName: table, Select: 'COUNT' }))
        stored += page.Count ?? 0;
      return { seconds: Number(seconds.toFixed(2)), stored };
    };
    return {
      ours: await figures('ours'),
      electrodb: await figures('electrodb'),
      toolbox: await figures('toolbox'),
      toolboxReadsOurs: await toolboxReadsOurs(client, 'bench-ours', lines),
    };
  } finally {
    await dynamoDb.stop();
  }
}

export async function runEntityLayerBench({ items = 100_000, spawns = 11, written = 10_000 } = {}) {
  const [lines = []] = aprilLineChunks(items, items);
  const entity = saleLineEntity();
  const electroItem = (line: NormalizedSaleLine) => entity.put(line).params().Item as Record<string, unknown>;
  const toolbox = toolboxSaleLineEntity();
  // The item the library's batch put request carries (validated, defaulted, linked keys computed).
  const toolboxItem = (line: NormalizedSaleLine) =>
    toolbox.build(BatchPutRequest).item(line).params().PutRequest?.Item as Record<string, unknown>;
  const keysAgree = lines
    .slice(0, 1_000)
    .every(
      (line) =>
        differingKeys(saleLineItem(line), electroItem(line)).length === 0 &&
        differingKeys(saleLineItem(line), toolboxItem(line)).length === 0,
    );
  const toolboxSameAsOurs = lines
    .slice(0, 1_000)
    .every((line) => isDeepStrictEqual(saleLineItem(line), toolboxItem(line)));
  const sameAsStore = lines
    .slice(0, 1_000)
    .every(
      (line) =>
        JSON.stringify(saleLineItem(line)) ===
        JSON.stringify(lineWriteItem({ line, outcome: 'accepted', version: 1 })),
    );

  const bundles = {
    ours: await bundled('ours'),
    electrodb: await bundled('electrodb'),
    toolbox: await bundled('toolbox'),
  };
  const imports: Record<Layer, number[]> = { ours: [], electrodb: [], toolbox: [] };
  // Interleaved, so that a busy moment on a shared machine falls on both.
  for (let spawn = 0; spawn < spawns; spawn++) {
    for (const layer of layerNames) imports[layer].push(await importMilliseconds(bundles[layer].outfile));
  }

  const options = { removeUndefinedValues: true };
  const hot: Record<Layer, (line: NormalizedSaleLine) => Record<string, unknown>> = {
    ours: (line) => marshall(saleLineItem(line), options),
    electrodb: (line) => marshall(electroItem(line), options),
    toolbox: (line) => marshall(toolboxItem(line), options),
  };
  const build: Record<Layer, (line: NormalizedSaleLine) => Record<string, unknown>> = {
    ours: saleLineItem,
    electrodb: electroItem,
    toolbox: toolboxItem,
  };
  const figures = (layer: Layer) => {
    const buildCpu = cpuOf(() => lines.map(build[layer]));
    const cpu = cpuOf(() => lines.map(hot[layer]));
    const stored = lines.slice(0, 1_000).map((line) => JSON.stringify(hot[layer](line)).length);
    return {
      bundleBytes: bundles[layer].bytes,
      bundleGzipBytes: bundles[layer].gzipBytes,
      importMsMedian: Number(median(imports[layer]).toFixed(1)),
      [`buildCpuMs(${items})`]: Math.round(buildCpu),
      [`buildAndMarshallCpuMs(${items})`]: Math.round(cpu),
      cpuMicrosPerItem: Number(((cpu * 1000) / items).toFixed(2)),
      marshalledJsonBytes: Math.round(stored.reduce((sum, size) => sum + size, 0) / stored.length),
    };
  };
  const local = await batchWrites(lines.slice(0, written));
  const withLocal = (layer: Layer) => ({
    ...figures(layer),
    [`batchWriteSeconds(${written}, DynamoDB Local)`]: local[layer].seconds,
  });
  return {
    ours: withLocal('ours'),
    electrodb: withLocal('electrodb'),
    toolbox: withLocal('toolbox'),
    check: {
      keysAgree,
      sameAsStore,
      toolboxSameAsOurs,
      allStored: layerNames.every((layer) => local[layer].stored === written),
      toolboxReadsOurs: local.toolboxReadsOurs,
    },
  };
}
