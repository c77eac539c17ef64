import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngestDeps, ObjectReader } from '../../domain/channel-files/ports';
import { processChannelFile } from '../../domain/channel-files/process-channel-file';
import { posHeader, startChannelDataHarness } from '../support/channel-data-harness';

let harness: Awaited<ReturnType<typeof startChannelDataHarness>>;

beforeAll(async () => {
  harness = await startChannelDataHarness();
});

afterAll(async () => {
  await harness?.stop();
});

/** One POS line; `customer` pads the file: 5 characters make 126 bytes, 6 make 127. */
const version = (quantity: number, customer: string) =>
  `${posHeader}\nINV-1,1,2026-03-02,SW-1,${quantity},EA,10.00,${customer}\n`;
const first = version(1, 'C-AAA');
const second = version(2, 'C-BBB');
const third = version(3, 'C-CCCC');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

const run = (fileId: string, deps: IngestDeps = harness.deps) =>
  processChannelFile(deps, { fileId, deadline: Number.MAX_SAFE_INTEGER });

async function storedQuantities(fileId: string) {
  const page = await harness.deps.queries.fileLines(fileId, { limit: 10 });
  return page.items.map((line) => line.quantity);
}

describe('a presigned URL used three times (126 bytes, other 126 bytes, 127 bytes)', () => {
  it('ingests one version: its size, its hash and its lines, whatever lands while it is read', async () => {
    expect([first.length, second.length, third.length]).toEqual([126, 126, 127]);
    const fileId = await harness.upload(first);
    const { objectKey } = (await harness.deps.files.get(fileId)) ?? { objectKey: '' };
    // The later PUTs land between the reads the ingest makes: after it sized the object, and after it
    // hashed it. Reading the key's latest bytes each time mixed three versions into one file.
    const objects = harness.deps.objects;
    const racing: ObjectReader = {
      describe: async (key) => {
        const described = await objects.describe(key);
        await harness.putObject(objectKey, second);
        return described;
      },
      sha256: async (object) => {
        const hash = await objects.sha256(object);
        await harness.putObject(objectKey, third);
        return hash;
      },
      read: (object) => objects.read(object),
    };

    await run(fileId, { ...harness.deps, objects: racing });

    const file = await harness.deps.files.get(fileId);
    expect(file).toMatchObject({ status: 'completed', sizeBytes: 126, sha256: sha256(first) });
    expect(file?.objectVersionId).toEqual(expect.any(String));
    expect(await storedQuantities(fileId)).toEqual(['1']);
  });

  it('is not changed by an overwrite after ingest: same hash, same lines, the pinned bytes still readable', async () => {
    const original = version(4, 'C-DDD');
    const fileId = await harness.upload(original);
    await run(fileId);
    const ingested = await harness.deps.files.get(fileId);

    await harness.putObject(ingested?.objectKey ?? '', third);
    await run(fileId); // as a re-delivered notification would

    const after = await harness.deps.files.get(fileId);
    expect(after).toEqual(ingested);
    expect(await storedQuantities(fileId)).toEqual(['4']);
    const pinned = { key: after?.objectKey ?? '', versionId: after?.objectVersionId ?? '' };
    expect(await harness.deps.objects.sha256(pinned)).toBe(sha256(original));
    expect(await harness.deps.objects.sha256({ key: pinned.key })).toBe(sha256(third));
  });
});

describe('a listing of the versioned bucket (S3Uploads.list, as attachments are listed)', () => {
  it('names each key under the prefix once, with its latest version’s size, type and upload time', async () => {
    const prefix = 'attachments/P-1/DA-1/';
    await harness.putObject(`${prefix}A/quote.csv`, 'x'.repeat(10));
    await harness.putObject(`${prefix}A/quote.csv`, 'x'.repeat(12));
    await harness.putObject(`${prefix}B/rfq.csv`, 'y');
    await harness.putObject('attachments/P-1/DA-2/C/other.csv', 'z');

    const listed = await harness.deps.objects.list(prefix);

    expect(listed).toEqual([
      { key: `${prefix}A/quote.csv`, sizeBytes: 12, contentType: 'text/csv', uploadedAt: expect.any(String) },
      { key: `${prefix}B/rfq.csv`, sizeBytes: 1, contentType: 'text/csv', uploadedAt: expect.any(String) },
    ]);
    expect(Date.parse(listed[0]?.uploadedAt ?? '')).toBeGreaterThan(Date.now() - 60_000);
  });
});
