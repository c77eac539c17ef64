import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FileRejectedError } from '../../../domain/ingestion/file-rejected-error';
import { mappingProfileSchema } from '../../../domain/ingestion/mapping-profile';
import { parseAll, sales } from './ingestion-helpers';

const xlsx = {
  fileName: 'sales.xlsx',
  contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

async function workbookBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('parseChannelFile: XLSX', () => {
  it('reads the first worksheet: dates, numbers, formulas, rich text, row numbers', async () => {
    // Arrange
    const data = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Sales');
      sheet.addRow([
        'invoice_number',
        'invoice_date',
        'sku',
        'quantity',
        'uom',
        'unit_price',
        'extended_amount',
        'currency',
        'end_customer_name',
      ]);
      sheet.addRow(['INV-1', new Date(Date.UTC(2026, 2, 15)), 'SW-1', 3, 'CS', 120, 360, 'USD', 'Acme']);
      sheet.addRow([]);
      sheet.addRow([
        'INV-2',
        '2026-03-16',
        'SW-1',
        -2,
        'EA',
        0.1,
        { formula: 'D4*F4', result: -0.2 },
        'USD',
        { richText: [{ text: 'Ca' }, { text: 'fé' }] },
      ]);
      sheet.addRow(['INV-3', 'not a date', 'SW-1', 1, 'EA', 1, 1, 'USD']);
      workbook.addWorksheet('Notes').addRow(['ignored']);
    });

    // Act
    const parsed = await parseAll(data, xlsx);

    // Assert
    expect(
      sales(parsed).map((line) => [
        line.sourceLineNumber,
        line.invoiceDate,
        line.quantity,
        line.unitPrice,
        line.extendedAmount,
        line.endCustomerName,
      ]),
    ).toEqual([
      [2, '2026-03-15', '36', '120.00', '360.00', 'Acme'],
      [4, '2026-03-16', '-2', '0.10', '-0.20', 'Café'],
    ]);
    expect(parsed.rejected).toEqual([
      {
        sourceLineNumber: 5,
        raw: 'INV-3,not a date,SW-1,1,EA,1,1,USD',
        reasons: [
          { field: 'invoiceDate', message: "'not a date' is not a valid date in the format YYYY-MM-DD" },
        ],
      },
    ]);
  });

  it('writes date cells in the profile format and numbers with its decimal separator', async () => {
    const profile = mappingProfileSchema.parse({
      kind: 'pos',
      dateFormat: 'DD.MM.YYYY',
      decimalSeparator: ',',
      defaultCurrency: 'EUR',
      columns: [
        { source: 'Beleg', field: 'invoiceNumber' },
        { source: 'Datum', field: 'invoiceDate' },
        { source: 'Artikel', field: 'sku' },
        { source: 'Menge', field: 'quantity' },
        { source: 'Preis', field: 'unitPrice' },
      ],
    });
    const data = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Umsatz');
      sheet.addRow(['Beleg', 'Datum', 'Artikel', 'Menge', 'Preis']);
      sheet.addRow(['B-1', new Date(Date.UTC(2026, 0, 31)), 'SW-1', 2.5, 1.25]);
    });

    const [line] = sales(await parseAll(data, { ...xlsx, profile }));

    expect(line).toMatchObject({
      invoiceDate: '2026-01-31',
      quantity: '2.5',
      unitPrice: '1.25',
      extendedAmount: '3.12',
    });
  });

  it('refuses a workbook whose first sheet has a header only', async () => {
    const data = await workbookBytes((workbook) => {
      workbook
        .addWorksheet('Sales')
        .addRow(['invoice_number', 'invoice_date', 'sku', 'quantity', 'unit_price', 'currency']);
    });

    await expect(parseAll(data, xlsx)).rejects.toSatisfy(
      (error) => error instanceof FileRejectedError && error.reasons[0]?.code === 'header_only',
    );
  });

  it('refuses a ZIP that is not a workbook', async () => {
    const data = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array(200).fill(7)]);

    await expect(parseAll(data, xlsx)).rejects.toBeInstanceOf(FileRejectedError);
  });
});
