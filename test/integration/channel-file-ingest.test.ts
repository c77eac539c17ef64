import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveMappingProfile } from '../../domain/channel-files/mapping-profile-use-cases';
import type { ChannelLineStore, IngestDeps } from '../../domain/channel-files/ports';
import { processChannelFile } from '../../domain/channel-files/process-channel-file';
import { requestUpload } from '../../domain/channel-files/request-upload';
import { defaultMappingProfile, type MappingProfile } from '../../domain/ingestion/mapping-profile';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { S3RunSnapshots } from '../../functions/adapters/run-snapshots';
import { createS3Client } from '../../functions/adapters/s3-client';
import { S3Uploads } from '../../functions/adapters/s3-uploads';
import { partnerUser } from '../support/actors';
import { posFile, posHeader, startChannelDataHarness, testBucket } from '../support/channel-data-harness';
import { evidenceLibraryContract } from '../support/evidence-library-contract';
import { evidenceStoreContract } from '../support/evidence-store-contract';
import { runSnapshotsContract } from '../support/run-snapshots-contract';

let harness: Awaited<ReturnType<typeof startChannelDataHarness>>;

beforeAll(async () => {
  harness = await startChannelDataHarness();
});

afterAll(async () => {
  await harness?.stop();
});

const run = (fileId: string, deps: IngestDeps = harness.deps) =>
  processChannelFile(deps, { fileId, deadline: Number.MAX_SAFE_INTEGER });

async function allFileLines(fileId: string) {
  const lines: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page = await harness.deps.queries.fileLines(fileId, { limit: 100, cursor });
    lines.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return lines;
}

describe('ingesting a POS file', () => {
  it('stores valid lines, rejects bad ones with reasons, counts both and publishes the outcome', async () => {
    const fileId = await harness.upload(
      [
        posHeader,
        'A-1,1,2026-03-02,SW-1,3,CS,120.00,C-1',
        'A-1,2,2026-03-02,SW-2,-2,EA,10.00,C-1',
        'A-2,1,2026-03-03,NOPE,1,EA,10.00,C-2',
        'A-2,2,2026-03-03,SW-1,lots,EA,10.00,C-2',
      ].join('\r\n'),
    );
    const result = await run(fileId);
    expect(result).toEqual({ done: true, status: 'completed_with_rejections' });
    const file = await harness.deps.files.get(fileId);
    expect(file?.counts).toEqual({ lines: 4, accepted: 2, restated: 0, unchanged: 0, rejected: 2 });

    const lines = await allFileLines(fileId);
    const caseLine = lines.find((line) => line.invoiceLine === '1');
    expect(caseLine).toMatchObject({ sku: 'SW-1', quantity: '36', reportedQuantity: '3', reportedUom: 'CS' });
    expect(lines.find((line) => line.invoiceLine === '2')?.quantity).toBe('-2');

    const rejections = await harness.deps.queries.fileRejections(fileId, { limit: 10 });
    expect(rejections.items.map((line) => line.sourceLineNumber).sort()).toEqual([4, 5]);
    expect(harness.eventBus.published.at(-1)).toMatchObject({
      source: 'chrm.channel-data',
      detailType: 'ChannelFileProcessed',
      detail: { fileId, status: 'completed_with_rejections' },
    });
  });

  it('adds nothing when the same bytes are uploaded again', async () => {
    const content = posFile(20, 1000);
    const first = await harness.upload(content);
    await run(first);
    const second = await harness.upload(content);
    expect(await run(second)).toEqual({ done: true, status: 'duplicate' });
    const file = await harness.deps.files.get(second);
    expect(file).toMatchObject({ duplicateOf: first, counts: { accepted: 0, lines: 0 } });
    expect(await allFileLines(second)).toHaveLength(0);
  });

  it('treats a changed line from a later file as a restatement and keeps the earlier version', async () => {
    await run(
      await harness.upload(
        `${posHeader}\nR-1,1,2026-03-10,SW-1,5,EA,10.00,C-1\nR-1,2,2026-03-10,SW-2,1,EA,10.00,C-1\n`,
      ),
    );
    const later = await harness.upload(
      `${posHeader}\nR-1,1,2026-03-10,SW-1,4,EA,10.00,C-1\nR-1,2,2026-03-10,SW-2,1,EA,10.00,C-1\n`,
    );
    await run(later);
    expect((await harness.deps.files.get(later))?.counts).toMatchObject({
      accepted: 0,
      restated: 1,
      unchanged: 1,
    });

    const client = createDocumentClient(harness.settings);
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: harness.settings.TABLE_NAME,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'SALE#P-1#R-1' },
      }),
    );
    const current = Items.find((item) => item.sk === 'LINE#1');
    const history = Items.filter((item) => String(item.sk).startsWith('HISTORY#1#'));
    expect(current).toMatchObject({
      quantity: '4',
      version: 2,
      sourceFileId: later,
      ingestOutcome: 'restated',
    });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ quantity: '5', replacedByFileId: later });
  });

  it('rejects a second line with the same natural key within one file', async () => {
    const fileId = await harness.upload(
      `${posHeader}\nD-1,1,2026-03-10,SW-1,5,EA,10.00,C-1\nD-1,1,2026-03-10,SW-1,6,EA,10.00,C-1\n`,
    );
    await run(fileId);
    expect((await harness.deps.files.get(fileId))?.counts).toMatchObject({ accepted: 1, rejected: 1 });
  });

  it('resumes after a crash between storing a batch and its checkpoint, ending with exactly the right lines', async () => {
    const fileId = await harness.upload(posFile(2_400, 5_000));
    let stores = 0;
    const lineStore = harness.deps.lines;
    const crashingLines: ChannelLineStore = {
      currentVersions: (lines) => lineStore.currentVersions(lines),
      writeLines: async (id, writes) => {
        const lost = await lineStore.writeLines(id, writes);
        if (++stores === 3) throw new Error('simulated crash after the third batch was written');
        return lost;
      },
      storeRejections: (file, lines) => lineStore.storeRejections(file, lines),
      withdrawFileLines: (id) => lineStore.withdrawFileLines(id),
      confirmStored: (versions) => lineStore.confirmStored(versions),
    };
    await expect(run(fileId, { ...harness.deps, lines: crashingLines })).rejects.toThrow('simulated crash');
    expect((await harness.deps.files.get(fileId))?.status).toBe('processing');

    await run(fileId);
    const file = await harness.deps.files.get(fileId);
    expect(file?.counts).toEqual({ lines: 2_400, accepted: 2_400, restated: 0, unchanged: 0, rejected: 0 });
    const lines = await allFileLines(fileId);
    expect(lines).toHaveLength(2_400);
    expect(new Set(lines.map((line) => line.invoiceNumber)).size).toBe(2_400);
  });

  it('stops at its deadline and continues from the checkpoint on the next call', async () => {
    const fileId = await harness.upload(posFile(1_500, 20_000));
    const first = await processChannelFile(harness.deps, { fileId, deadline: 0 });
    expect(first.done).toBe(false);
    const checkpoint = (await harness.deps.files.get(fileId))?.checkpointLine ?? 0;
    expect(checkpoint).toBeGreaterThan(1);
    expect(await run(fileId)).toEqual({ done: true, status: 'completed' });
    expect(await allFileLines(fileId)).toHaveLength(1_500);
  });
});

describe('which files block their bytes from being sent again', () => {
  const saveProfile = async (changes: Partial<MappingProfile>, expectedVersion?: number) =>
    saveMappingProfile(harness.deps, partnerUser('P-2'), {
      partnerId: 'P-2',
      kind: 'pos',
      profile: { ...defaultMappingProfile('pos'), defaultCurrency: 'USD', ...changes },
      expectedVersion,
    });

  it('ingests bytes rejected wholesale under a wrong mapping profile once the profile is fixed', async () => {
    const wrong = await saveProfile({ dateFormat: 'DD.MM.YYYY' });
    const content = posFile(5, 40_000);
    const rejected = await harness.upload(content, { partnerId: 'P-2' });
    expect(await run(rejected)).toEqual({ done: true, status: 'completed_with_rejections' });
    expect((await harness.deps.files.get(rejected))?.counts).toMatchObject({ accepted: 0, rejected: 5 });

    await saveProfile({ dateFormat: 'YYYY-MM-DD' }, wrong.version);
    const resent = await harness.upload(content, { partnerId: 'P-2' });
    expect(await run(resent)).toEqual({ done: true, status: 'completed' });
    expect((await harness.deps.files.get(resent))?.counts).toMatchObject({ accepted: 5, rejected: 0 });
    expect(await allFileLines(resent)).toHaveLength(5);

    // Now that lines of these bytes are in force, the same bytes again add nothing.
    const third = await harness.upload(content, { partnerId: 'P-2' });
    expect(await run(third)).toEqual({ done: true, status: 'duplicate' });
    expect((await harness.deps.files.get(third))?.duplicateOf).toBe(resent);
  });

  it("lets a failed file's bytes be sent again", async () => {
    const columns = defaultMappingProfile('pos').columns.map((column) =>
      column.field === 'quantity' ? { ...column, source: 'qty' } : column,
    );
    const current = await harness.deps.profiles.get({ partnerId: 'P-2', kind: 'pos' });
    const wrong = await saveProfile({ columns }, current?.version);
    const content = posFile(3, 41_000);
    const failed = await harness.upload(content, { partnerId: 'P-2' });
    expect(await run(failed)).toEqual({ done: true, status: 'failed' });

    await saveProfile({}, wrong.version);
    const resent = await harness.upload(content, { partnerId: 'P-2' });
    expect(await run(resent)).toEqual({ done: true, status: 'completed' });
    expect(await allFileLines(resent)).toHaveLength(3);
  });
});

describe('a ship & debit claim file', () => {
  it('a task that died right after the claim was stored completes on its retry with that claim, never a second', async () => {
    const csv = [
      'authorization_number,invoice_number,ship_date,end_customer_id,product_sku,quantity,book_cost,authorized_cost,amount',
      'DA-NONE,INV-C-1,2026-03-02,C-1,SW-1,2,10.00,8.00,4.00',
    ].join('\n');
    const ticket = await requestUpload(harness.deps, partnerUser('P-1'), {
      kind: 'shipAndDebitClaim',
      fileName: 'claim.csv',
      contentType: 'text/csv',
      sizeBytes: Buffer.byteLength(csv),
      claimNumber: 'P1-CLAIM-1',
      currency: 'USD',
    });
    const fileId = ticket.file.fileId;
    await harness.putObject(ticket.file.objectKey, csv);
    const files = harness.deps.files;
    const dying: typeof files = Object.assign(Object.create(files), {
      replace: async (record: Parameters<typeof files.replace>[0], expected: number) => {
        if (record.claim?.claimId !== undefined)
          throw new Error('simulated crash after the claim was stored');
        return files.replace(record, expected);
      },
    });
    await expect(run(fileId, { ...harness.deps, files: dying })).rejects.toThrow('simulated crash');
    expect((await files.get(fileId))?.status).toBe('processing');

    await run(fileId);

    const file = await files.get(fileId);
    const claims = (await harness.deps.shipAndDebitClaims.claims.list('P-1', { limit: 100 })).items;
    expect(claims.map((claim) => [claim.claimNumber, claim.sourceFileId])).toEqual([['P1-CLAIM-1', fileId]]);
    expect(file).toMatchObject({
      status: 'completed_with_rejections',
      counts: { lines: 1, accepted: 0, rejected: 1 },
      claim: { claimId: claims[0]?.claimId, amountClaimed: '4.00', amountApproved: '0.00' },
    });
    expect(claims[0]?.results[0]).toMatchObject({ outcome: 'rejected', x12Code: '01' });
  });
});

// The S3 adapters of two more ports, against the harness's s3rver (the uploads bucket, versioned as on AWS).
const s3Client = () =>
  createS3Client({ region: harness.settings.AWS_REGION, endpoint: harness.settings.S3_ENDPOINT });

runSnapshotsContract('S3RunSnapshots', async () => new S3RunSnapshots(s3Client(), testBucket));

/** The uploads bucket, uploaded to as a partner does: a PUT to the URL it signed. */
const s3Evidence = async () => ({
  evidence: new S3Uploads(s3Client(), testBucket),
  upload: async (url: string, _key: string, body: Buffer, contentType: string) => {
    const response = await fetch(url, { method: 'PUT', body, headers: { 'content-type': contentType } });
    if (!response.ok) throw new Error(`upload refused: ${response.status} ${await response.text()}`);
  },
});

evidenceStoreContract('S3Uploads', s3Evidence);
evidenceLibraryContract('S3Uploads', s3Evidence);
