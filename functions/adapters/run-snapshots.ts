import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { constants, createGunzip, gunzipSync, gzipSync } from 'node:zlib';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { PartnerMonthChanges } from '../../domain/accrual-runs/line-state';
import type { RunSnapshots } from '../../domain/accrual-runs/ports';
import type { ProgramComputation } from '../../domain/accrual-runs/program-computation';
import type { SaleLine } from '../../domain/accruals/sale-line';

export const runSnapshotKey = (runId: string) => `runs/${runId}/lines.ndjson.gz`;
export const runLineCountersKey = (runId: string) => `runs/${runId}/line-counters.json.gz`;
/** Beside the runs' folders: a run id is never `last-completed`. */
export const lastCompletedRunKey = 'runs/last-completed';
export const runComputedKey = (runId: string, programId: string) =>
  `runs/${runId}/programs/${encodeURIComponent(programId)}.json.gz`;

/** Lines per gzip member: a million lines as one string would pass V8's longest string (2^29 characters). */
const linesPerMember = 10_000;

/**
 * JSON lines as gzip members of `linesPerMember` lines each (concatenated members are one gzip file to
 * every reader), at the fastest level: a run writes its snapshot once, and the level saves seconds.
 */
function gzippedLines(lines: readonly SaleLine[]): Buffer {
  const members: Buffer[] = [];
  // A run that read no lines still writes a gzip file (of nothing).
  for (let start = 0; start === 0 || start < lines.length; start += linesPerMember) {
    const text = lines
      .slice(start, start + linesPerMember)
      .map((line) => JSON.stringify(line))
      .join('\n');
    members.push(gzipSync(start === 0 ? text : `\n${text}`, { level: constants.Z_BEST_SPEED }));
  }
  return Buffer.concat(members);
}

/**
 * Run snapshots as gzipped JSON lines in S3, beside the uploads. The Map steps of one run read the same
 * snapshot, and a warm Lambda keeps the last one it read.
 */
export class S3RunSnapshots implements RunSnapshots {
  private cached: { readonly runId: string; readonly lines: SaleLine[] } | undefined;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {}

  async write(runId: string, lines: readonly SaleLine[]): Promise<void> {
    await this.put(runSnapshotKey(runId), gzippedLines(lines), 'application/x-ndjson', 'gzip');
    // A run written again (a retried prepare step) must not be read back from what this Lambda read before.
    if (this.cached?.runId === runId) this.cached = undefined;
  }

  async read(runId: string): Promise<SaleLine[]> {
    if (this.cached?.runId === runId) return this.cached.lines;
    const { Body } = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: runSnapshotKey(runId) }),
    );
    const lines: SaleLine[] = [];
    if (Body) {
      const text = createInterface({ input: (Body as Readable).pipe(createGunzip()), crlfDelay: Infinity });
      for await (const line of text) if (line !== '') lines.push(JSON.parse(line) as SaleLine);
    }
    this.cached = { runId, lines };
    return lines;
  }

  /** One small object per program, so a Map item reads its program's result and nothing else. */
  async writeComputed(runId: string, computations: readonly ProgramComputation[]): Promise<void> {
    for (const computation of computations) {
      const body = gzipSync(JSON.stringify(computation));
      await this.put(runComputedKey(runId, computation.programId), body, 'application/json', 'gzip');
    }
  }

  async readComputed(runId: string, programId: string): Promise<ProgramComputation | null> {
    const body = await this.bytesOrNull(runComputedKey(runId, programId));
    if (body === null) return null;
    return JSON.parse(gunzipSync(body).toString('utf8')) as ProgramComputation;
  }

  /** Gzipped: a distributor's partners × a year of months is thousands of counters. */
  async writeLineCounters(runId: string, counters: readonly PartnerMonthChanges[]): Promise<void> {
    await this.put(runLineCountersKey(runId), gzipSync(JSON.stringify(counters)), 'application/json', 'gzip');
  }

  async readLineCounters(runId: string): Promise<PartnerMonthChanges[] | null> {
    const body = await this.bytesOrNull(runLineCountersKey(runId));
    return body === null ? null : (JSON.parse(gunzipSync(body).toString('utf8')) as PartnerMonthChanges[]);
  }

  async lastCompletedRun(): Promise<string | null> {
    const body = await this.bytesOrNull(lastCompletedRunKey);
    return body === null ? null : Buffer.from(body).toString('utf8');
  }

  async rememberCompletedRun(runId: string): Promise<void> {
    await this.put(lastCompletedRunKey, runId, 'text/plain');
  }

  private async put(
    key: string,
    body: Buffer | string,
    contentType: string,
    encoding?: string,
  ): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: contentType,
        ...(encoding === undefined ? {} : { ContentEncoding: encoding }),
      }),
    );
  }

  /** An object's bytes; null when there is none. */
  private async bytesOrNull(key: string): Promise<Uint8Array | null> {
    try {
      const { Body } = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      return Body ? await Body.transformToByteArray() : null;
    } catch (error) {
      if (error instanceof NoSuchKey) return null;
      throw error;
    }
  }
}
