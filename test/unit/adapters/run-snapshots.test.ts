import { Readable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { runSnapshotKey, S3RunSnapshots } from '../../../functions/adapters/run-snapshots';
import { saleLine } from '../accruals/builders';

const s3 = mockClient(S3Client);
afterEach(() => s3.reset());

/** S3 as a map of keys to the bytes put: a get answers them as a stream, as the SDK does. */
function bucketInMemory() {
  const objects = new Map<string, Uint8Array>();
  s3.on(PutObjectCommand).callsFake((input: { Key: string; Body: Uint8Array }) => {
    objects.set(input.Key, input.Body);
    return {};
  });
  s3.on(GetObjectCommand).callsFake((input: { Key: string }) => {
    const bytes = objects.get(input.Key);
    if (bytes === undefined) throw new NoSuchKey({ message: 'NoSuchKey', $metadata: {} });
    // A stream with the SDK's helper, as the SDK answers it.
    const body = Readable.from([Buffer.from(bytes)]);
    return { Body: Object.assign(body, { transformToByteArray: async () => Buffer.from(bytes) }) };
  });
  return objects;
}

describe('S3RunSnapshots', () => {
  it('writes 25,001 lines (more than one gzip member of 10,000 holds) as one gzip file that reads back line for line', async () => {
    // Arrange: more lines than one member holds (10,000), and a run that read none.
    const objects = bucketInMemory();
    const lines = Array.from({ length: 25_001 }, (_, index) =>
      saleLine({ lineId: `P/INV-${index}/1`, extendedAmount: `${index}.25` }),
    );

    // Act
    await new S3RunSnapshots(new S3Client({ region: 'us-east-1' }), 'b').write('R1', lines);
    await new S3RunSnapshots(new S3Client({ region: 'us-east-1' }), 'b').write('R0', []);
    const read = await new S3RunSnapshots(new S3Client({ region: 'us-east-1' }), 'b').read('R1');

    // Assert: the same lines in the same order; any gunzip reads the file whole; an empty run is an empty file.
    expect(read).toEqual(lines);
    const text = gunzipSync(objects.get(runSnapshotKey('R1')) as Uint8Array).toString('utf8');
    expect(text.split('\n')).toHaveLength(25_001);
    expect(gunzipSync(objects.get(runSnapshotKey('R0')) as Uint8Array).toString('utf8')).toBe('');
    expect(await new S3RunSnapshots(new S3Client({ region: 'us-east-1' }), 'b').read('R0')).toEqual([]);
  });
});

describe('S3RunSnapshots line counters', () => {
  it('keeps each run’s counters and the last completed run; a run that recorded none reads as null', async () => {
    // Arrange
    bucketInMemory();
    const snapshots = new S3RunSnapshots(new S3Client({ region: 'us-east-1' }), 'b');
    const counters = [
      { partnerId: 'P1', month: '2026-03', changes: 4 },
      { partnerId: 'P2', month: '2026-03', changes: 0 },
    ];

    // Act
    const before = await snapshots.lastCompletedRun();
    await snapshots.writeLineCounters('R1', counters);
    await snapshots.rememberCompletedRun('R1');

    // Assert
    expect(before).toBeNull();
    expect(await snapshots.readLineCounters('R1')).toEqual(counters);
    expect(await snapshots.readLineCounters('R0')).toBeNull();
    expect(await snapshots.lastCompletedRun()).toBe('R1');
  });
});
