import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processChannelFile } from '../../domain/channel-files/process-channel-file';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { posHeader, startChannelDataHarness } from '../support/channel-data-harness';

let harness: Awaited<ReturnType<typeof startChannelDataHarness>>;

beforeAll(async () => {
  harness = await startChannelDataHarness();
});

afterAll(async () => {
  await harness?.stop();
});

const rounds = 10;

/** Invoices <prefix>-<from>…<to>, line 1, all of quantity `quantity`. */
function overlapFile(prefix: string, from: number, to: number, quantity: number): string {
  const lines: string[] = [];
  for (let invoice = from; invoice <= to; invoice++) {
    lines.push(`${prefix}-${invoice},1,2026-04-02,SW-2,${quantity},EA,10.00,C-1`);
  }
  return `${posHeader}\n${lines.join('\n')}\n`;
}

async function invoiceItems(invoice: string) {
  const client = createDocumentClient(harness.settings);
  const { Items = [] } = await client.send(
    new QueryCommand({
      TableName: harness.settings.TABLE_NAME,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': `SALE#P-1#${invoice}` },
      ConsistentRead: true,
    }),
  );
  return {
    current: Items.find((item) => item.sk === 'LINE#1'),
    history: Items.filter((item) => String(item.sk).startsWith('HISTORY#1#')),
  };
}

describe('two files sharing natural keys, ingested at the same time', () => {
  it(`keeps both versions of every shared key: file A (OV-1…50, qty 1) and B (OV-26…75, qty 2), ${rounds} rounds`, async () => {
    for (let round = 1; round <= rounds; round++) {
      const prefix = `OV${round}`;
      const a = await harness.upload(overlapFile(prefix, 1, 50, 1));
      const b = await harness.upload(overlapFile(prefix, 26, 75, 2));
      const deadline = Number.MAX_SAFE_INTEGER;
      await Promise.all([
        processChannelFile(harness.deps, { fileId: a, deadline }),
        processChannelFile(harness.deps, { fileId: b, deadline }),
      ]);
      const fileA = await harness.deps.files.get(a);
      const fileB = await harness.deps.files.get(b);
      for (const file of [fileA, fileB]) {
        expect(file?.status).toBe('completed');
        const counts = file?.counts;
        expect((counts?.accepted ?? 0) + (counts?.restated ?? 0) + (counts?.unchanged ?? 0)).toBe(50);
      }
      // 75 distinct keys: 50 only in one file plus 25 first writes of a shared key, and 25 restatements.
      expect((fileA?.counts.accepted ?? 0) + (fileB?.counts.accepted ?? 0)).toBe(75);
      expect((fileA?.counts.restated ?? 0) + (fileB?.counts.restated ?? 0)).toBe(25);
      expect((fileA?.counts.unchanged ?? 0) + (fileB?.counts.unchanged ?? 0)).toBe(0);

      for (let invoice = 26; invoice <= 50; invoice++) {
        const { current, history } = await invoiceItems(`${prefix}-${invoice}`);
        expect(current?.version, `${prefix}-${invoice}`).toBe(2);
        expect(current?.ingestOutcome).toBe('restated');
        expect(history).toHaveLength(1);
        const other = current?.sourceFileId === a ? b : a;
        expect(history[0]).toMatchObject({ sourceFileId: other, replacedByFileId: current?.sourceFileId });
        expect(history[0]?.quantity).toBe(other === a ? '1' : '2');
        expect(current?.quantity).toBe(other === a ? '2' : '1');
      }
      for (const [invoice, file] of [
        [1, a],
        [75, b],
      ] as const) {
        const { current, history } = await invoiceItems(`${prefix}-${invoice}`);
        expect(current).toMatchObject({ version: 1, sourceFileId: file, ingestOutcome: 'accepted' });
        expect(history).toHaveLength(0);
      }
    }
  }, 120_000);
});
