import { type DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { readBack } from './read-back';
import { upgradeCheckpointKey } from './table-keys/upgrades';

type Item = Record<string, unknown>;

/** Where a segment's scan resumes: the key it stopped after, if any. */
const checkpointSchema = z.object({ startKey: z.record(z.string(), z.unknown()).optional() });

export interface UpgradeScanOptions {
  /** Parallel Scan segments (1–1,000,000); a checkpoint per segment, so resume with the same number. */
  readonly segments: number;
  /** Start no new page after this instant (epoch ms): an invocation ends before its Lambda timeout. */
  readonly stopBy?: number;
  /** Ignore the checkpoints and scan the whole table again (the jobs' writes are idempotent). */
  readonly restart?: boolean;
  /** Items a Scan page reads at most (DynamoDB's 1 MB page otherwise). */
  readonly pageSize?: number;
}

/** One upgrade job's scan: what it reads and what it does with each page. */
export interface UpgradeScan<Report> {
  /** The job's name, which keys its checkpoints (see table-keys/upgrades.ts). */
  readonly job: string;
  readonly filter: {
    readonly expression: string;
    readonly names: Record<string, string>;
    readonly values: Record<string, unknown>;
  };
  /** Only these attributes are read (each must be named in `filter.names`); whole items when absent. */
  readonly projection?: string;
  readonly noReport: Report;
  readonly add: (a: Report, b: Report) => Report;
  /** Applies the job to one page's items; `scanned` is how many items the page read before the filter. */
  readonly onPage: (items: readonly Item[], scanned: number) => Promise<Report>;
}

export interface UpgradeScanOutcome<Report> {
  readonly report: Report;
  /** Every segment scanned to its end (in this invocation or earlier ones). */
  readonly complete: boolean;
  readonly segmentsLeft: number;
}

/**
 * Runs an upgrade job over the table while live traffic goes on: a parallel Scan in `segments`, each page
 * handed to the job, and after each page the segment saves where it stopped (`UPGRADE#<job>` items), so an
 * invocation cut short resumes there. A failing segment stops the others at their next page (each with its
 * checkpoint saved) before the error is thrown: nothing keeps writing after the invocation has failed.
 */
export async function scanInSegments<Report>(
  client: DynamoDBDocumentClient,
  tableName: string,
  scan: UpgradeScan<Report>,
  options: UpgradeScanOptions,
): Promise<UpgradeScanOutcome<Report>> {
  const segments = Array.from({ length: options.segments }, (_, segment) => segment);
  const halt = { failed: false };
  const settled = await Promise.allSettled(
    segments.map((segment) =>
      scanSegment(client, tableName, scan, options, segment, halt).catch((error: unknown) => {
        halt.failed = true;
        throw error;
      }),
    ),
  );
  const outcomes = settled.map((result) => {
    if (result.status === 'rejected') throw result.reason;
    return result.value;
  });
  const left = outcomes.filter((outcome) => !outcome.done).length;
  return {
    report: outcomes.map((outcome) => outcome.report).reduce(scan.add, scan.noReport),
    complete: left === 0,
    segmentsLeft: left,
  };
}

async function scanSegment<Report>(
  client: DynamoDBDocumentClient,
  tableName: string,
  scan: UpgradeScan<Report>,
  options: UpgradeScanOptions,
  segment: number,
  halt: { readonly failed: boolean },
): Promise<{ report: Report; done: boolean }> {
  const checkpointKey = upgradeCheckpointKey(scan.job, segment, options.segments);
  let startKey: Item | undefined;
  const saveCheckpoint = (done: boolean) =>
    client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...checkpointKey,
          type: 'UpgradeCheckpoint',
          done,
          ...(startKey === undefined ? {} : { startKey }),
        },
      }),
    );
  // A restart forgets every segment's end first: cut short, its next invocation resumes all from here.
  if (options.restart) await saveCheckpoint(false);
  else {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: checkpointKey, ConsistentRead: true }),
    );
    if (Item?.done === true) return { report: scan.noReport, done: true };
    startKey = Item === undefined ? undefined : readBack(checkpointSchema, Item).startKey;
  }
  let report = scan.noReport;
  do {
    const outOfTime = options.stopBy !== undefined && Date.now() >= options.stopBy;
    if (outOfTime || halt.failed) return { report, done: false };
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        Segment: segment,
        TotalSegments: options.segments,
        FilterExpression: scan.filter.expression,
        ExpressionAttributeNames: scan.filter.names,
        ExpressionAttributeValues: scan.filter.values,
        ...(scan.projection === undefined ? {} : { ProjectionExpression: scan.projection }),
        ConsistentRead: true,
        ...(options.pageSize === undefined ? {} : { Limit: options.pageSize }),
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
      }),
    );
    report = scan.add(report, await scan.onPage(page.Items ?? [], page.ScannedCount ?? 0));
    startKey = page.LastEvaluatedKey;
    await saveCheckpoint(startKey === undefined);
  } while (startKey !== undefined);
  return { report, done: true };
}
