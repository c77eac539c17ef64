import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveMappingProfile } from '../../domain/channel-files/mapping-profile-use-cases';
import type { ChannelLineStore, IngestDeps } from '../../domain/channel-files/ports';
import { processChannelFile } from '../../domain/channel-files/process-channel-file';
import { defaultMappingProfile } from '../../domain/ingestion/mapping-profile';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { partnerUser } from '../support/actors';
import { posFile, posHeader, startChannelDataHarness } from '../support/channel-data-harness';

let harness: Awaited<ReturnType<typeof startChannelDataHarness>>;

beforeAll(async () => {
  harness = await startChannelDataHarness();
});

afterAll(async () => {
  await harness?.stop();
});

const run = (fileId: string, deps: IngestDeps = harness.deps) =>
  processChannelFile(deps, { fileId, deadline: Number.MAX_SAFE_INTEGER });

async function all(
  query: (
    cursor: string | undefined,
  ) => Promise<{ items: readonly Record<string, unknown>[]; nextCursor?: string }>,
) {
  const items: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const page = await query(cursor);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
const fileLines = (fileId: string) =>
  all((cursor) => harness.deps.queries.fileLines(fileId, { limit: 500, cursor }));
const fileRejections = (fileId: string) =>
  all((cursor) => harness.deps.queries.fileRejections(fileId, { limit: 500, cursor }));
const salesInMonth = (partnerId: string, month: string) =>
  all((cursor) => harness.deps.queries.salesInMonth(partnerId, month, { limit: 500, cursor }));

async function invoiceItems(partnerId: string, invoice: string) {
  const { Items = [] } = await createDocumentClient(harness.settings).send(
    new QueryCommand({
      TableName: harness.settings.TABLE_NAME,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `SALE#${partnerId}#${invoice}` },
      ConsistentRead: true,
    }),
  );
  return {
    current: Items.find((item) => item.sk === 'LINE#1'),
    history: Items.filter((item) => String(item.sk).startsWith('HISTORY#1#')),
  };
}

describe('a line that cannot be stored', () => {
  it('rejects line 2 with a 1 MiB cell as too long a line; lines 1 and 3 land and the file completes', async () => {
    const notes = 'N'.repeat(1024 * 1024);
    const fileId = await harness.upload(
      [
        `${posHeader},custom_notes`,
        'BIG-1,1,2026-05-02,SW-1,1,EA,10.00,C-1,ok',
        `BIG-2,1,2026-05-02,SW-1,1,EA,10.00,C-1,${notes}`,
        'BIG-3,1,2026-05-02,SW-1,1,EA,10.00,C-1,ok',
      ].join('\n'),
    );
    expect(await run(fileId)).toEqual({ done: true, status: 'completed_with_rejections' });
    const file = await harness.deps.files.get(fileId);
    expect(file?.failureReason).toBeUndefined();
    expect(file?.counts).toEqual({ lines: 3, accepted: 2, restated: 0, unchanged: 0, rejected: 1 });
    expect((await fileLines(fileId)).map((line) => line.invoiceNumber).sort()).toEqual(['BIG-1', 'BIG-3']);
    const [rejection] = await fileRejections(fileId);
    expect(rejection).toMatchObject({
      sourceLineNumber: 3,
      reasons: [
        { field: 'line', message: 'the line is longer than 65,536 characters, the most a line may have' },
      ],
    });
    expect(String(rejection?.raw).startsWith('BIG-2,1,2026-05-02')).toBe(true);
  });

  it('keeps the raw text of a second line with the same natural key in the file', async () => {
    const second = 'DUP-1,1,2026-05-03,SW-1,6,EA,10.00,C-1';
    const fileId = await harness.upload(`${posHeader}\nDUP-1,1,2026-05-03,SW-1,5,EA,10.00,C-1\n${second}\n`);
    await run(fileId);
    expect(await fileRejections(fileId)).toMatchObject([
      {
        sourceLineNumber: 3,
        raw: second,
        reasons: [{ field: 'line', message: 'the file already has a line with this natural key' }],
      },
    ]);
  });
});

/** Invoices W-<from…to>, line 1, in June 2026, of quantity `quantity`. */
function juneFile(from: number, to: number, quantity: number): string {
  const lines: string[] = [];
  for (let invoice = from; invoice <= to; invoice++) {
    lines.push(`W-${invoice},1,2026-06-02,SW-2,${quantity},EA,10.00,C-1`);
  }
  return `${posHeader}\n${lines.join('\n')}\n`;
}

describe('a file that fails after some of its lines were stored', () => {
  it('withdraws them: restated keys get the earlier version back, new keys are gone, history keeps the withdrawn one', async () => {
    await saveMappingProfile(harness.deps, partnerUser('P-2'), {
      partnerId: 'P-2',
      kind: 'pos',
      profile: { ...defaultMappingProfile('pos'), encoding: 'utf-8', defaultCurrency: 'USD' },
    });
    const earlier = await harness.upload(juneFile(1, 10, 1), { partnerId: 'P-2' });
    expect(await run(earlier)).toEqual({ done: true, status: 'completed' });

    // 2,000 lines (more than one S3 chunk, so batches are stored) and then a byte that is not UTF-8.
    const content = Buffer.concat([
      Buffer.from(juneFile(1, 2_000, 2)),
      Buffer.from([0xff]),
      Buffer.from(',1,2026-06-02,SW-2,1,EA,10.00,C-1\n'),
    ]);
    const failing = await harness.upload(content, { partnerId: 'P-2' });
    let stored = 0;
    const lineStore = harness.deps.lines;
    const counting: ChannelLineStore = {
      currentVersions: (lines) => lineStore.currentVersions(lines),
      writeLines: (id, writes) => {
        stored += writes.length;
        return lineStore.writeLines(id, writes);
      },
      storeRejections: (file, lines) => lineStore.storeRejections(file, lines),
      withdrawFileLines: (id) => lineStore.withdrawFileLines(id),
      confirmStored: (versions) => lineStore.confirmStored(versions),
    };
    expect(await run(failing, { ...harness.deps, lines: counting })).toEqual({
      done: true,
      status: 'failed',
    });
    expect(stored).toBeGreaterThan(500);
    expect((await harness.deps.files.get(failing))?.failureReason).toContain('not valid UTF-8');

    expect(await fileLines(failing)).toEqual([]);
    const june = await salesInMonth('P-2', '2026-06');
    expect(june).toHaveLength(10);
    expect(june.every((line) => line.sourceFileId === earlier && line.quantity === '1')).toBe(true);
    const { current, history } = await invoiceItems('P-2', 'W-3');
    expect(current).toMatchObject({ sourceFileId: earlier, quantity: '1', version: 3 });
    expect(history.find((item) => item.sourceFileId === failing)).toMatchObject({
      quantity: '2',
      withdrawn: true,
    });
    expect((await invoiceItems('P-2', 'W-11')).current).toBeUndefined();
  }, 120_000);

  it('withdraws when the workflow gives up, and the reason is ours, not the raw SDK error', async () => {
    const fileId = await harness.upload(posFile(700, 70_000));
    let writes = 0;
    const lineStore = harness.deps.lines;
    const crashing: ChannelLineStore = {
      currentVersions: (lines) => lineStore.currentVersions(lines),
      writeLines: async (id, batch) => {
        if (++writes === 2)
          throw new Error('ValidationException: Item size has exceeded the maximum allowed size');
        return lineStore.writeLines(id, batch);
      },
      storeRejections: (file, lines) => lineStore.storeRejections(file, lines),
      withdrawFileLines: (id) => lineStore.withdrawFileLines(id),
      confirmStored: (versions) => lineStore.confirmStored(versions),
    };
    await expect(run(fileId, { ...harness.deps, lines: crashing })).rejects.toThrow('ValidationException');
    expect(await fileLines(fileId)).toHaveLength(500);

    const { handler, internalFailureReason } = await import(
      '../../functions/workflows/mark-channel-file-failed'
    );
    await handler(
      {
        fileId,
        error: { Error: 'ValidationException', Cause: 'Item size has exceeded the maximum allowed size' },
      },
      { functionName: 'MarkFileFailed', awsRequestId: 'test' } as Context,
    );
    const file = await harness.deps.files.get(fileId);
    expect(file).toMatchObject({ status: 'failed', failureReason: internalFailureReason });
    expect(file?.failureReason).not.toMatch(/ValidationException|Item size/);
    expect(await fileLines(fileId)).toEqual([]);
  }, 120_000);
});
