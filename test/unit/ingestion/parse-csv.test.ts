import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FileRejectedError } from '../../../domain/ingestion/file-rejected-error';
import { defaultMappingProfile, mappingProfileSchema } from '../../../domain/ingestion/mapping-profile';
import { ValidationError } from '../../../domain/shared/errors';
import { bytes, inventory, parseAll, sales } from './ingestion-helpers';

const header =
  'invoice_number,invoice_line,invoice_date,sku,quantity,uom,unit_price,extended_amount,currency';

describe('parseChannelFile: canonical POS CSV', () => {
  it('normalizes a line with every canonical field', async () => {
    // Arrange
    const csv = `${header},ship_date,end_customer_id,end_customer_name,bill_to,ship_to,order_type,salesperson,warehouse,partner_sku,custom_region\nINV-1,1,2026-03-15,SW-1,3,CS,120.00,360.00,USD,2026-03-16,C-9,Acme,BT-1,ST-1,STD,REP-7,WH-1,P-SW1,NORTH\n`;

    // Act
    const parsed = await parseAll(bytes(csv));

    // Assert
    expect(parsed.rejected).toEqual([]);
    expect(sales(parsed)).toEqual([
      {
        partnerId: 'DIST-1',
        sourceFileId: 'FILE-1',
        sourceLineNumber: 2,
        invoiceNumber: 'INV-1',
        invoiceLine: '1',
        invoiceDate: '2026-03-15',
        shipDate: '2026-03-16',
        sku: 'SW-1',
        partnerSku: 'P-SW1',
        category: 'SWITCHES',
        quantity: '36',
        uom: 'EA',
        reportedQuantity: '3',
        reportedUom: 'CS',
        unitPrice: '120.00',
        extendedAmount: '360.00',
        currency: 'USD',
        endCustomerId: 'C-9',
        endCustomerName: 'Acme',
        billTo: 'BT-1',
        shipTo: 'ST-1',
        orderType: 'STD',
        salesperson: 'REP-7',
        warehouse: 'WH-1',
        custom: { region: 'NORTH' },
      },
    ]);
  });

  it('converts 3 CS of 12 into 36 EA and fractional factors exactly', async () => {
    const csv = `${header}\nI,1,2026-01-02,SW-1,3,CS,10,30,USD\nI,2,2026-01-02,CAB-2,0.3,RL,1.5,0.45,USD\n`;

    const lines = sales(await parseAll(bytes(csv)));

    expect(lines.map((line) => [line.quantity, line.uom])).toEqual([
      ['36', 'EA'],
      ['15.15', 'M'],
    ]);
  });

  it('keeps returns as negative quantities and amounts', async () => {
    const csv = `${header}\nI,1,2026-01-02,SW-1,-2,CS,10.00,-20.00,USD\n`;

    const [line] = sales(await parseAll(bytes(csv)));

    expect(line).toMatchObject({ quantity: '-24', reportedQuantity: '-2', extendedAmount: '-20.00' });
  });

  it('computes the extended amount half-even to the cent when the file has none', async () => {
    const csv = `${header}\nI,1,2026-01-02,SW-1,3,EA,0.125,,USD\nI,2,2026-01-02,SW-1,1,EA,0.135,,USD\nI,3,2026-01-02,SW-1,7,EA,1200,,JPY\n`;

    const lines = sales(await parseAll(bytes(csv)));

    expect(lines.map((line) => line.extendedAmount)).toEqual(['0.38', '0.14', '8400']);
  });

  it('uses the source line number as invoice line when the file has none', async () => {
    const csv =
      'invoice_number,invoice_date,sku,quantity,extended_amount,currency\nI,2026-01-02,SW-1,1,5,EUR\n';

    const [line] = sales(await parseAll(bytes(csv)));

    expect(line).toMatchObject({ invoiceLine: '2', extendedAmount: '5.00', reportedUom: 'EA' });
    expect(line?.unitPrice).toBeUndefined();
  });
});

describe('parseChannelFile: CSV syntax', () => {
  it('strips a BOM, reads CRLF and quoted fields with delimiters, doubled quotes and newlines', async () => {
    const csv =
      '\uFEFFinvoice_number,invoice_date,sku,quantity,unit_price,currency,end_customer_name\r\n' +
      '"INV,1",2026-01-02,SW-1,1,5,USD,"Say ""hi""\r\nsecond line"\r\n' +
      'INV-2,2026-01-02,SW-1,2,5,USD,Plain\r\n';

    const parsed = await parseAll(bytes(csv));

    expect(
      sales(parsed).map((line) => [line.invoiceNumber, line.endCustomerName, line.sourceLineNumber]),
    ).toEqual([
      ['INV,1', 'Say "hi"\r\nsecond line', 2],
      ['INV-2', 'Plain', 4],
    ]);
  });

  it.each([
    [';', 'invoice_number;invoice_date;sku;quantity;unit_price;currency\nI;2026-01-02;SW-1;1;5;USD\n'],
    [
      '\t',
      'invoice_number\tinvoice_date\tsku\tquantity\tunit_price\tcurrency\nI\t2026-01-02\tSW-1\t1\t5\tUSD\n',
    ],
    ['|', 'invoice_number|invoice_date|sku|quantity|unit_price|currency\nI|2026-01-02|SW-1|1|5|USD\n'],
  ])('detects the %j delimiter from the header', async (_delimiter, csv) => {
    const parsed = await parseAll(bytes(csv));

    expect(parsed.rejected).toEqual([]);
    expect(sales(parsed)).toHaveLength(1);
  });

  it('reads Windows-1252 bytes (0xE9 = é) when the file is not UTF-8', async () => {
    const head = bytes(
      'invoice_number,invoice_date,sku,quantity,unit_price,currency,end_customer_name\nI,2026-01-02,SW-1,1,5,EUR,Caf',
    );
    const data = new Uint8Array([...head, 0xe9, 0x0a]);

    const [line] = sales(await parseAll(data));

    expect(line?.endCustomerName).toBe('Café');
  });

  it('reads old Mac CR line endings and UTF-16LE tab-separated text (Excel "Unicode text")', async () => {
    const text =
      'invoice_number\tinvoice_date\tsku\tquantity\tunit_price\tcurrency\nI\t2026-01-02\tSW-1\t1\t5\tUSD\n';
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Buffer.from(text, 'utf16le'))]);

    const fromCr = await parseAll(bytes(text.replaceAll('\n', '\r')));
    const fromUtf16 = await parseAll(utf16, {}, [3, 5]);

    expect(sales(fromCr).map((line) => line.sourceLineNumber)).toEqual([2]);
    expect(sales(fromUtf16).map((line) => line.sourceLineNumber)).toEqual([2]);
  });

  it('keeps a UTF-8 character split across chunks whole', async () => {
    const data = bytes(
      'invoice_number,invoice_date,sku,quantity,unit_price,currency,end_customer_name\nI,2026-01-02,SW-1,1,5,EUR,Café ☕\n',
    );

    const [line] = sales(await parseAll(data, {}, [1]));

    expect(line?.endCustomerName).toBe('Café ☕');
  });

  it('rejects the line of an unterminated quote and keeps the others', async () => {
    const csv = `${header}\nI,1,2026-01-02,SW-1,1,EA,5,5,USD\n"I,2,2026-01-02,SW-1,1,EA,5,5,USD\n`;

    const parsed = await parseAll(bytes(csv));

    expect(sales(parsed)).toHaveLength(1);
    expect(parsed.rejected).toEqual([
      {
        sourceLineNumber: 3,
        raw: '"I,2,2026-01-02,SW-1,1,EA,5,5,USD',
        reasons: [{ field: 'line', message: 'unterminated quoted field' }],
      },
    ]);
  });

  it('gives the same lines whatever the chunk boundaries (property)', async () => {
    const csv =
      '\uFEFFinvoice_number,invoice_date,sku,quantity,unit_price,currency,end_customer_name\r\n' +
      '"INV,1",2026-01-02,SW-1,1,5,USD,"multi\r\nline ""quoted"""\r\n' +
      'INV-2,2026-01-02,SW-1,-2,5.5,USD,Café ☕\r\n' +
      '\r\n' +
      'INV-3,2026-02-30,SW-1,x,5,USD,bad\r\n' +
      'INV-4,2026-01-03,CAB-2,1.25,2,USD,"a,b"';
    const data = bytes(csv);
    const expected = await parseAll(data);
    expect(expected.accepted).toHaveLength(3);
    expect(expected.rejected).toHaveLength(1);

    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 30 }),
        async (sizes) => {
          const parsed = await parseAll(data, {}, sizes);
          expect(parsed.accepted).toEqual(expected.accepted);
          expect(parsed.rejected).toEqual(expected.rejected);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('parseChannelFile: file-level refusals', () => {
  it.each([
    ['an empty file', '', 'empty_file'],
    ['a BOM only', '\uFEFF', 'empty_file'],
    ['a header only', `${header}\r\n`, 'header_only'],
    ['a header and blank lines', `${header}\n\n,,,,,,,,\n`, 'header_only'],
  ])('refuses %s', async (_name, csv, code) => {
    await expect(parseAll(bytes(csv))).rejects.toSatisfy(
      (error) => error instanceof FileRejectedError && error.reasons[0]?.code === code,
    );
  });

  it('refuses unknown columns and names them', async () => {
    const csv = `${header},mystery\nI,1,2026-01-02,SW-1,1,EA,5,5,USD,x\n`;

    const error = await parseAll(bytes(csv)).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(FileRejectedError);
    expect((error as FileRejectedError).reasons).toEqual([
      { code: 'unknown_columns', message: "unknown column 'mystery'" },
    ]);
  });

  it('refuses missing required columns and lists all of them', async () => {
    const csv = 'invoice_number,sku,currency\nI,SW-1,USD\n';

    const error = (await parseAll(bytes(csv)).catch((caught: unknown) => caught)) as FileRejectedError;

    expect(error.reasons.map((reason) => reason.message)).toEqual([
      "missing required column 'invoice_date'",
      "missing required column 'quantity'",
      "missing required column 'unit_price' or 'extended_amount'",
    ]);
  });

  it('refuses binary content and an XLSX name on text', async () => {
    await expect(parseAll(new Uint8Array([1, 0, 2, 0]))).rejects.toBeInstanceOf(FileRejectedError);
    await expect(parseAll(bytes(`${header}\n`), { fileName: 'report.xlsx' })).rejects.toBeInstanceOf(
      FileRejectedError,
    );
  });

  it('refuses non-UTF-8 bytes when the profile demands UTF-8', async () => {
    const profile = { ...defaultMappingProfile('pos'), encoding: 'utf-8' as const };
    const data = new Uint8Array([...bytes(`${header}\nI,1,2026-01-02,SW-1,1,EA,5,5,USD,`), 0xe9, 0x0a]);

    await expect(parseAll(data, { profile })).rejects.toBeInstanceOf(FileRejectedError);
  });

  it('refuses an invalid profile before reading', async () => {
    const profile = {
      ...defaultMappingProfile('pos'),
      decimalSeparator: ',' as const,
      thousandsSeparator: ',' as const,
    };

    await expect(parseAll(bytes(`${header}\n`), { profile })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('parseChannelFile: line-level rejections', () => {
  it.each([
    ['2026-02-30', 'invoiceDate', "'2026-02-30' is not a valid date in the format YYYY-MM-DD"],
    ['15/03/2026', 'invoiceDate', "'15/03/2026' is not a valid date in the format YYYY-MM-DD"],
    ['', 'invoiceDate', 'is required'],
  ])('rejects the invoice date %j', async (date, field, message) => {
    const csv = `${header}\nI,1,${date},SW-1,1,EA,5,5,USD\n`;

    const parsed = await parseAll(bytes(csv));

    expect(parsed.rejected[0]?.reasons).toEqual([{ field, message }]);
  });

  it('rejects non-numeric, too precise and absurd quantities, unknown SKU and unit, bad amounts; keeps going', async () => {
    const csv = [
      header,
      'I,1,2026-01-02,SW-1,abc,EA,5,5,USD',
      'I,2,2026-01-02,SW-1,1.1234567,EA,5,5,USD',
      'I,3,2026-01-02,SW-1,2000000000,EA,5,,USD',
      'I,4,2026-01-02,SW-1,100000000,CS,5,,USD',
      'I,5,2026-01-02,NOPE,1,EA,5,5,USD',
      'I,6,2026-01-02,SW-1,1,PL,5,5,USD',
      'I,7,2026-01-02,SW-1,2,EA,5,10.02,USD',
      'I,8,2026-01-02,SW-1,2,EA,-5,,USD',
      ',9,2026-01-02,SW-1,2,EA,5,10,XXX',
      'I,10,2026-01-02,SW-1,2,EA,5,10.01,USD',
    ].join('\n');

    const parsed = await parseAll(bytes(csv));

    expect(sales(parsed).map((line) => line.invoiceLine)).toEqual(['10']);
    expect(parsed.rejected.map((line) => [line.sourceLineNumber, line.reasons])).toEqual([
      [2, [{ field: 'quantity', message: "'abc' is not a number" }]],
      [3, [{ field: 'quantity', message: "'1.1234567' has more than 6 decimals" }]],
      [4, [{ field: 'quantity', message: "'2000000000' is beyond ±1,000,000,000" }]],
      [5, [{ field: 'quantity', message: "'100000000' CS is beyond ±1,000,000,000 EA" }]],
      [6, [{ field: 'sku', message: "unknown product 'NOPE'" }]],
      [7, [{ field: 'uom', message: "product 'SW-1' has no conversion from 'PL' to 'EA'" }]],
      [
        8,
        [
          {
            field: 'extendedAmount',
            message: "'10.02' differs from quantity × unit price = 10.00 by more than one minor unit",
          },
        ],
      ],
      [9, [{ field: 'unitPrice', message: "'-5' is negative" }]],
      [
        10,
        [
          { field: 'invoiceNumber', message: 'is required' },
          { field: 'currency', message: "'XXX' is not a supported currency" },
        ],
      ],
    ]);
    expect(parsed.rejected[0]?.raw).toBe('I,1,2026-01-02,SW-1,abc,EA,5,5,USD');
  });

  it('rejects a line with more fields than the header', async () => {
    const csv = `${header}\nI,1,2026-01-02,SW-1,1,EA,5,5,USD,extra\nI,2,2026-01-02,SW-1,1,EA,5,5,USD,,\n`;

    const parsed = await parseAll(bytes(csv));

    expect(parsed.rejected.map((line) => line.sourceLineNumber)).toEqual([2]);
    expect(sales(parsed).map((line) => line.sourceLineNumber)).toEqual([3]);
  });
});

describe('parseChannelFile: partner mapping profiles', () => {
  it('maps renamed columns, a title row, European numbers and dates, default currency and UoM', async () => {
    const profile = mappingProfileSchema.parse({
      kind: 'pos',
      headerRow: 2,
      delimiter: ';',
      dateFormat: 'DD.MM.YYYY',
      decimalSeparator: ',',
      thousandsSeparator: '.',
      defaultCurrency: 'EUR',
      defaultUom: 'CS',
      unknownColumns: 'custom',
      columns: [
        { source: 'Rechnung', field: 'invoiceNumber' },
        { source: 'Datum', field: 'invoiceDate' },
        { source: 'Artikel', field: 'partnerSku' },
        { source: 'Menge', field: 'quantity' },
        { source: 'Betrag', field: 'extendedAmount' },
      ],
    });
    const csv =
      'Verkaufsbericht März;;;;;\nRechnung;Datum;Artikel;Menge;Betrag;Filiale\nR-1;31.01.2026;P-SW1;1.000;1.234,50;Köln\n';

    const parsed = await parseAll(bytes(csv), { profile });

    expect(parsed.rejected).toEqual([]);
    expect(sales(parsed)[0]).toMatchObject({
      sourceLineNumber: 3,
      invoiceDate: '2026-01-31',
      sku: 'SW-1',
      partnerSku: 'P-SW1',
      quantity: '12000',
      reportedQuantity: '1000',
      reportedUom: 'CS',
      extendedAmount: '1234.50',
      currency: 'EUR',
      custom: { Filiale: 'Köln' },
    });
  });

  it('maps columns by 1-based index when the file has no header', async () => {
    const profile = mappingProfileSchema.parse({
      kind: 'pos',
      headerRow: 0,
      dateFormat: 'MM/DD/YYYY',
      defaultCurrency: 'USD',
      columns: [
        { source: 1, field: 'invoiceNumber' },
        { source: 2, field: 'invoiceDate' },
        { source: 3, field: 'sku' },
        { source: 4, field: 'quantity' },
        { source: 5, field: 'unitPrice' },
      ],
    });

    const parsed = await parseAll(bytes('A-1,12/31/2025,SW-1,2,9.99\nA-2,02/29/2025,SW-1,2,9.99\n'), {
      profile,
    });

    expect(
      sales(parsed).map((line) => [line.sourceLineNumber, line.invoiceDate, line.extendedAmount]),
    ).toEqual([[1, '2025-12-31', '19.98']]);
    expect(parsed.rejected.map((line) => line.sourceLineNumber)).toEqual([2]);
  });
});

describe('parseChannelFile: batches and resume', () => {
  const csv = [
    header,
    ...Array.from({ length: 7 }, (_, index) => `I,${index + 1},2026-01-02,SW-1,1,EA,5,5,USD`),
  ].join('\n');

  it('yields batches of batchSize records with the last line number of each', async () => {
    const parsed = await parseAll(bytes(csv), { batchSize: 3 });

    expect(parsed.batches).toBe(3);
    expect(parsed.lastLineNumbers).toEqual([4, 7, 8]);
  });

  it('resumes after a checkpoint without losing or repeating a line', async () => {
    const first = await parseAll(bytes(csv), { batchSize: 3 });
    const checkpoint = first.lastLineNumbers[0] ?? 0;

    const resumed = await parseAll(bytes(csv), { batchSize: 3, startAfterLine: checkpoint });

    const firstBatchLines = sales(first).filter((line) => line.sourceLineNumber <= checkpoint);
    expect([...firstBatchLines, ...sales(resumed)]).toEqual(sales(first));
  });
});

describe('parseChannelFile: inventory CSV', () => {
  it('normalizes on-hand and other quantities into the base unit', async () => {
    const csv =
      'sku,as_of_date,quantity_on_hand,quantity_sold,uom,warehouse\nSW-1,2026-03-31,2,5,CS,WH-1\nCAB-2,2026-03-31,x,,RL,WH-1\n';

    const parsed = await parseAll(bytes(csv), { kind: 'inventory' });

    expect(inventory(parsed)).toEqual([
      {
        partnerId: 'DIST-1',
        sourceFileId: 'FILE-1',
        sourceLineNumber: 2,
        sku: 'SW-1',
        asOfDate: '2026-03-31',
        uom: 'EA',
        quantityOnHand: '24',
        quantitySold: '60',
        warehouse: 'WH-1',
      },
    ]);
    expect(parsed.rejected[0]?.reasons).toEqual([
      { field: 'quantityOnHand', message: "'x' is not a number" },
    ]);
  });
});
