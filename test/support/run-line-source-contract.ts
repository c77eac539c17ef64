import { beforeAll, describe, expect, it } from 'vitest';
import type { PartnerMonthChanges } from '../../domain/accrual-runs/line-state';
import type { RunLineSource } from '../../domain/accrual-runs/ports';
import type { ChannelSaleLine } from '../../domain/accrual-runs/run-lines';
import { channelLine } from '../unit/accrual-runs/fakes';

/** A run line source and how sale lines get into it (the fake: added; the table: stored as ingest stores them). */
export interface RunLinesUnderTest {
  readonly source: RunLineSource;
  /** Stores new sale lines of one file. */
  readonly store: (fileId: string, lines: readonly ChannelSaleLine[]) => Promise<void>;
}

/** Sale line `invoiceNumber` of `partnerId`, invoiced on `invoiceDate`, as file `F-<partnerId>` reported it. */
const line = (partnerId: string, invoiceNumber: string, invoiceDate: string): ChannelSaleLine =>
  channelLine({
    partnerId,
    invoiceNumber,
    invoiceDate,
    sourceFileId: `F-${partnerId}`,
    sourceLineNumber: Number(invoiceNumber.replace(/\D/g, '')) + 2,
    custom: { region: 'west' },
  });

const byInvoice = (lines: readonly ChannelSaleLine[]) =>
  [...lines].sort((a, b) =>
    `${a.partnerId}/${a.invoiceNumber}` < `${b.partnerId}/${b.invoiceNumber}` ? -1 : 1,
  );

async function all(lines: AsyncIterable<ChannelSaleLine>): Promise<ChannelSaleLine[]> {
  const read: ChannelSaleLine[] = [];
  for await (const each of lines) read.push(each);
  return byInvoice(read.filter((each) => each.partnerId.startsWith('CRL')));
}

const counterOf = (counters: readonly PartnerMonthChanges[], partnerId: string, month: string) =>
  counters.find((entry) => entry.partnerId === partnerId && entry.month === month)?.changes;

/**
 * The RunLineSource contract, run against the in-memory fake (unit suite) and the DynamoDB adapter
 * (integration suite): a month's lines are every partner's of that invoice month (or one partner's), each
 * once, read back as stored, in any order; a partner-month's change counter is 0 until lines are written to
 * it and moves with every write to it, and only to it. Reads are filtered to this contract's partners, as the
 * table may hold other tests' lines.
 */
export function runLineSourceContract(label: string, open: () => Promise<RunLinesUnderTest>) {
  describe(`${label} keeps the RunLineSource contract`, () => {
    let lines: RunLinesUnderTest;
    const januaryA = [line('CRL-A', 'INV-1', '2025-01-05'), line('CRL-A', 'INV-2', '2025-01-31')];
    const januaryB = [line('CRL-B', 'INV-3', '2025-01-15')];
    const februaryA = [line('CRL-A', 'INV-4', '2025-02-01')];

    beforeAll(async () => {
      lines = await open();
      await lines.store('F-CRL-A', [...januaryA, ...februaryA]);
      await lines.store('F-CRL-B', januaryB);
    });

    it("reads every partner's lines of an invoice month, or one partner's, each once and as stored", async () => {
      expect(await all(lines.source.salesInMonth('2025-01'))).toEqual(byInvoice([...januaryA, ...januaryB]));
      expect(await all(lines.source.salesInMonth('2025-01', 'CRL-B'))).toEqual(januaryB);
      expect(await all(lines.source.salesInMonth('2025-03'))).toEqual([]);
    });

    it('reads the lines of exactly the partner-months asked for', async () => {
      const read = lines.source.salesOf([
        { partnerId: 'CRL-A', month: '2025-02' },
        { partnerId: 'CRL-B', month: '2025-01' },
      ]);
      expect(await all(read)).toEqual(byInvoice([...januaryB, ...februaryA]));
    });

    it('counts changes per partner-month: 0 where nothing was written, moved by a write to it and only to it', async () => {
      const months = ['2025-01', '2025-02', '2025-06'];
      const before = await lines.source.lineChanges(months);
      await lines.store('F-CRL-A-2', [line('CRL-A', 'INV-5', '2025-01-20')]);
      const after = await lines.source.lineChanges(months);

      expect(counterOf(before, 'CRL-A', '2025-06')).toBe(0);
      expect(counterOf(before, 'CRL-B', '2025-02')).toBe(0);
      expect(counterOf(before, 'CRL-A', '2025-01')).toBeGreaterThan(0);
      expect(counterOf(after, 'CRL-A', '2025-01')).not.toBe(counterOf(before, 'CRL-A', '2025-01'));
      for (const [partnerId, month] of [
        ['CRL-A', '2025-02'],
        ['CRL-B', '2025-01'],
        ['CRL-A', '2025-06'],
      ] as const) {
        expect(counterOf(after, partnerId, month)).toBe(counterOf(before, partnerId, month));
      }
    });
  });
}
