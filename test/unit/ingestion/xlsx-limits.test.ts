import { deflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FileRejectedError } from '../../../domain/ingestion/file-rejected-error';
import { ingestLimits } from '../../../domain/ingestion/ingest-limits';
import { XlsxInflationGuard } from '../../../domain/ingestion/xlsx-inflation-guard';
import { chunked, parseAll, sales } from './ingestion-helpers';

const xlsx = {
  fileName: 'sales.xlsx',
  contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
const header = ['invoice_number', 'invoice_date', 'sku', 'quantity', 'unit_price', 'currency'];

async function workbookBytes(rows: unknown[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Sales');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A ZIP as streaming writers make it: sizes left 0 in each local header, given in a data descriptor after. */
function zipWithDataDescriptors(entries: { name: string; xml: string }[]): Uint8Array {
  const parts: Buffer[] = [];
  for (const { name, xml } of entries) {
    const compressed = deflateRawSync(Buffer.from(xml));
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0008, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(Buffer.byteLength(name), 26);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(compressed.length, 8);
    descriptor.writeUInt32LE(Buffer.byteLength(xml), 12);
    parts.push(local, Buffer.from(name), compressed, descriptor);
  }
  const centralDirectory = Buffer.alloc(46);
  centralDirectory.writeUInt32LE(0x02014b50, 0);
  parts.push(centralDirectory);
  return new Uint8Array(Buffer.concat(parts));
}

/** Sums what the guard lets through, in 16 KiB chunks, and returns it with the guard's verdict. */
async function passThrough(data: Uint8Array, guard: XlsxInflationGuard) {
  let passed = 0;
  for await (const chunk of guard.pass(chunked(data, [16 * 1024]))) passed += chunk.length;
  return { passed, violation: guard.violation };
}

const tooLarge = (error: unknown) =>
  error instanceof FileRejectedError && error.reasons[0]?.code === 'too_large';

describe('XLSX limits', () => {
  it('fails a ~50 KB workbook whose header cell inflates to 50 MB before the workbook reader gets all of it', async () => {
    const bomb = await workbookBytes([[...header, 'X'.repeat(50 * 1024 * 1024)]]);
    expect(bomb.length).toBeLessThan(200 * 1024);

    const guard = new XlsxInflationGuard();
    const { passed, violation } = await passThrough(bomb, guard);
    expect(violation?.reasons[0]).toEqual({
      code: 'too_large',
      message: "a cell or tag in XLSX part 'xl/sharedStrings.xml' is longer than 262,144 bytes",
    });
    // The compressed bytes handed to the workbook reader inflate to at most one run limit plus one chunk.
    expect(passed).toBeLessThan(bomb.length);

    await expect(parseAll(bomb, xlsx, [16 * 1024])).rejects.toSatisfy(tooLarge);
  }, 30_000);

  it('fails a workbook whose parts inflate past the total limit (limit lowered for the test)', async () => {
    const rows = [header];
    for (let index = 0; index < 2000; index++)
      rows.push([`I-${index}`, '2026-03-01', 'SW-1', '1', '5', 'USD']);
    const data = await workbookBytes(rows);
    const limits = { ...ingestLimits, xlsxInflatedBytes: 64 * 1024 };

    const { violation } = await passThrough(data, new XlsxInflationGuard(limits));

    expect(violation?.reasons[0]?.message).toBe('the XLSX workbook inflates to more than 65,536 bytes');
  });

  it('fails a workbook whose shared strings pass their limit (limit lowered for the test)', async () => {
    const rows: unknown[][] = [header];
    for (let index = 0; index < 2000; index++) rows.push([`I-${index}`, '2026-03-01', 'SW-1', 1, 5, 'USD']);
    const data = await workbookBytes(rows);
    const limits = { ...ingestLimits, xlsxSharedStringsBytes: 16 * 1024 };

    const { violation } = await passThrough(data, new XlsxInflationGuard(limits));

    expect(violation?.reasons[0]?.message).toBe('the XLSX shared strings inflate to more than 16,384 bytes');
  });

  it('lets an ordinary workbook through whole and unchanged, whatever the chunk size', async () => {
    const data = await workbookBytes([
      header,
      ['I-1', '2026-03-01', 'SW-1', 2, 5, 'USD'],
      ['I-2', '2026-03-02', 'SW-1', 3, 5, 'USD'],
    ]);
    for (const size of [1, 7, 512, 1 << 20]) {
      const guard = new XlsxInflationGuard();
      const passed: Uint8Array[] = [];
      for await (const chunk of guard.pass(chunked(data, [size]))) passed.push(chunk);
      expect(guard.violation).toBeUndefined();
      expect(Buffer.concat(passed).equals(Buffer.from(data))).toBe(true);
    }
    const parsed = await parseAll(data, xlsx, [4096]);
    expect(sales(parsed).map((line) => line.invoiceNumber)).toEqual(['I-1', 'I-2']);
  });

  it("finds each part's end from its deflate stream when sizes come after it (data descriptors)", async () => {
    const small = zipWithDataDescriptors([
      { name: 'xl/workbook.xml', xml: '<workbook><sheets/></workbook>' },
      { name: 'xl/worksheets/sheet1.xml', xml: `<sheetData>${'<c><v>1</v></c>'.repeat(5000)}</sheetData>` },
    ]);
    for (const size of [1, 7, 100, 1 << 20]) {
      const guard = new XlsxInflationGuard();
      let passed = 0;
      for await (const chunk of guard.pass(chunked(small, [size]))) passed += chunk.length;
      expect(guard.violation).toBeUndefined();
      expect(passed).toBe(small.length);
    }

    const bomb = zipWithDataDescriptors([
      { name: 'xl/workbook.xml', xml: '<workbook><sheets/></workbook>' },
      { name: 'xl/worksheets/sheet1.xml', xml: `<c><is><t>${'X'.repeat(1024 * 1024)}</t></is></c>` },
    ]);
    const { violation } = await passThrough(bomb, new XlsxInflationGuard());
    expect(violation?.message).toBe(
      "a cell or tag in XLSX part 'xl/worksheets/sheet1.xml' is longer than 262,144 bytes",
    );
  });
});
