import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { constants, createGunzip, gunzipSync, gzipSync } from 'node:zlib';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { RunSnapshots } from '../../domain/accrual-runs/ports';
import type { ProgramComputation } from '../../domain/accrual-runs/program-computation';
import type { SaleLine } from '../../domain/accruals/sale-line';

export const runSnapshotKey = (runId: string) => `runs/${runId}/lines.ndjson.gz`;
/** Beside the runs' folders: a run id is never `by-line-state`. */
export const lineStateKey = (lineState: string) => `runs/by-line-state/${lineState}`;
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
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: runSnapshotKey(runId),
        Body: gzippedLines(lines),
        ContentType: 'application/x-ndjson',
        ContentEncoding: 'gzip',
      }),
    );
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
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: runComputedKey(runId, computation.programId),
          Body: gzipSync(JSON.stringify(computation)),
          ContentType: 'application/json',
          ContentEncoding: 'gzip',
        }),
      );
    }
  }

  async readComputed(runId: string, programId: string): Promise<ProgramComputation | null> {
    const body = await this.bytesOrNull(runComputedKey(runId, programId));
    if (body === null) return null;
    return JSON.parse(gunzipSync(body).toString('utf8')) as ProgramComputation;
  }

  async runAtLineState(lineState: string): Promise<string | null> {
    const body = await this.bytesOrNull(lineStateKey(lineState));
    return body === null ? null : Buffer.from(body).toString('utf8');
  }

  async rememberLineState(lineState: string, runId: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: lineStateKey(lineState),
        Body: runId,
        ContentType: 'text/plain',
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
