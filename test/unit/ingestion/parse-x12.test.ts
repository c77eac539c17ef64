import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../domain/ingestion/detect-format';
import { FileRejectedError } from '../../../domain/ingestion/file-rejected-error';
import { defaultMappingProfile } from '../../../domain/ingestion/mapping-profile';
import { detectX12Delimiters } from '../../../domain/ingestion/x12-segments';
import { bytes, inventory, parseAll, sales } from './ingestion-helpers';

const samples = '/work/shared/data/x12';
const sample = (name: string): Uint8Array => new Uint8Array(readFileSync(`${samples}/${name}`));
const x12 = { fileName: 'report.edi', contentType: 'application/edi-x12' };

describe('X12 delimiters', () => {
  it('reads element, component and segment separators from ISA', () => {
    const text = new TextDecoder().decode(sample('867-5010-transmission.edi'));

    expect(detectX12Delimiters(text, true)).toEqual({ element: '*', component: '>', segment: '~' });
    expect(detectFormat('867-5010-transmission.edi', 'text/plain', sample('867-5010-transmission.edi'))).toBe(
      'x12',
    );
  });

  it('infers them without ISA, including newline terminators', () => {
    expect(detectX12Delimiters('ST*852*0001~XQ*F*20200101~', true)).toMatchObject({
      element: '*',
      segment: '~',
    });
    expect(detectX12Delimiters('ST|852|0001\nXQ|F|20200101\n', true)).toMatchObject({
      element: '|',
      segment: '\n',
    });
  });
});

describe('X12 867 product transfer and resale report', () => {
  it('reads the 5010 SII → QTY → LIN/UIT/AMT nest with the PTD ship-to (full loops sample)', async () => {
    const parsed = await parseAll(sample('867-5010-full-loops.edi'), x12);

    expect(parsed.rejected).toEqual([]);
    expect(sales(parsed)).toEqual([
      {
        partnerId: 'DIST-1',
        sourceFileId: 'FILE-1',
        sourceLineNumber: 32,
        invoiceNumber: 'RPT123',
        invoiceLine: '1',
        invoiceDate: '2020-01-10',
        sku: 'ITEM001',
        category: 'WIDGETS',
        quantity: '100',
        uom: 'EA',
        reportedQuantity: '100',
        reportedUom: 'EA',
        unitPrice: '5.00',
        extendedAmount: '500.00',
        currency: 'USD',
        endCustomerId: 'STO01',
        endCustomerName: 'SHIP TO NAME',
        shipTo: 'STO01',
        orderType: 'PT',
        warehouse: 'WAREHOUSE',
        custom: { reportNumber: 'RPT123', purchaseOrder: 'PO9988' },
      },
    ]);
  });

  it('reads the enveloped sample (ISA/GS/ST, terminator followed by newlines), currency from the profile', async () => {
    const profile = { ...defaultMappingProfile('pos'), defaultCurrency: 'USD' as const };

    const parsed = await parseAll(sample('867-5010-transmission.edi'), { ...x12, profile });

    expect(parsed.rejected).toEqual([]);
    expect(sales(parsed)).toMatchObject([
      {
        sourceLineNumber: 7,
        invoiceNumber: 'RPT123',
        invoiceDate: '2020-01-15',
        sku: 'ITEM001',
        quantity: '100',
        extendedAmount: '500.00',
      },
    ]);
  });

  it('reads the 004010 shape (QTY/LIN/UIT under PTD), invoices, dates, returns and unit conversions', async () => {
    const edi = [
      'ISA*00*          *00*          *ZZ*DIST           *ZZ*MFR            *260315*1200*U*00401*000000007*0*P*:',
      'GS*PT*DIST*MFR*20260315*1200*7*X*004010',
      'ST*867*0001',
      'BPT*00*R-77*20260315*DD',
      'CUR*SE*USD',
      'PTD*SS',
      'DTM*003*20260310',
      'REF*IV*INV-1001',
      'N1*BT*BILL CO*92*BT-9',
      'N1*ST*SHOP*92*ST-4',
      'QTY*39*3*CS:1',
      'LIN*1*VP*SW-1*BP*P-SW1',
      'UIT*CS*120',
      'QTY*39*-1',
      'LIN*2*BP*P-SW1',
      'UIT*EA*10.5',
      'QTY*39*2',
      'LIN*3*VP*GHOST',
      'UIT*EA*1',
      'PTD*SS',
      'DTM*003*20260231',
      'REF*IV*INV-1002',
      'QTY*39*1',
      'LIN**VP*SW-1',
      'CTP**RES*9.99',
      'SE*21*0001',
      'GE*1*7',
      'IEA*1*000000007',
    ].join('~\r\n');

    const parsed = await parseAll(bytes(`${edi}~`), x12);

    expect(
      sales(parsed).map((line) => [
        line.sourceLineNumber,
        line.invoiceNumber,
        line.invoiceLine,
        line.quantity,
        line.extendedAmount,
        line.billTo,
        line.shipTo,
      ]),
    ).toEqual([
      [11, 'INV-1001', '1', '36', '360.00', 'BT-9', 'ST-4'],
      [14, 'INV-1001', '2', '-1', '-10.50', 'BT-9', 'ST-4'],
    ]);
    expect(parsed.rejected.map((line) => [line.sourceLineNumber, line.reasons[0]?.field])).toEqual([
      [17, 'sku'],
      [23, 'invoiceDate'],
    ]);
    expect(parsed.rejected[0]?.raw).toBe('QTY*39*2~LIN*3*VP*GHOST~UIT*EA*1');
  });

  it('rejects an item without currency when neither CUR nor the profile gives one', async () => {
    const parsed = await parseAll(sample('867-5010-transmission.edi'), x12);

    expect(parsed.rejected).toEqual([
      {
        sourceLineNumber: 7,
        raw: 'SII*VP*ITEM001*100*EA*5.00~QTY*39*100',
        reasons: [{ field: 'currency', message: 'is required' }],
      },
    ]);
  });

  it('refuses an 852 given as a POS file', async () => {
    await expect(parseAll(sample('852-5010-one-line.edi'), x12)).rejects.toBeInstanceOf(FileRejectedError);
  });
});

describe('X12 852 product activity', () => {
  it('reads quantities sold per item without line breaks (one-line sample)', async () => {
    const parsed = await parseAll(sample('852-5010-one-line.edi'), { ...x12, kind: 'inventory' });

    expect(parsed.rejected).toEqual([]);
    expect(inventory(parsed)).toEqual([
      {
        partnerId: 'DIST-1',
        sourceFileId: 'FILE-1',
        sourceLineNumber: 4,
        sku: 'SW-1',
        partnerSku: '012345678905',
        asOfDate: '2020-01-01',
        uom: 'EA',
        quantitySold: '100',
        warehouse: 'STORE',
      },
      {
        partnerId: 'DIST-1',
        sourceFileId: 'FILE-1',
        sourceLineNumber: 6,
        sku: 'CAB-2',
        partnerSku: '012345678912',
        asOfDate: '2020-01-01',
        uom: 'M',
        quantitySold: '50',
        warehouse: 'STORE',
      },
    ]);
  });

  it('reads the enveloped sample', async () => {
    const parsed = await parseAll(sample('852-5010-transmission.edi'), { ...x12, kind: 'inventory' });

    expect(inventory(parsed)).toMatchObject([{ sourceLineNumber: 5, sku: 'SW-1', quantitySold: '100' }]);
  });

  it('reads on hand, received, on order, in transit, and SDQ quantities as one snapshot per location', async () => {
    const edi =
      'ST*852*0001~XQ*H*20260301*20260331~N1*WH*MAIN*92*WH-1~' +
      'LIN**VP*ITEM001~ZA*QA*5*CA~ZA*QR*2*CA~ZA*QP*1*CA~ZA*QI*3*CA~ZA*QS**CA~SDQ*CA*92*S1*1*S2*2.5~' +
      'LIN**VP*SW-1~ZA*QA*x*EA~LIN**VP*SW-1~ZA*QA*1*CA~SE*14*0001~';

    const parsed = await parseAll(bytes(edi), { ...x12, kind: 'inventory' });

    const common = {
      partnerId: 'DIST-1',
      sourceFileId: 'FILE-1',
      sku: 'ITEM001',
      asOfDate: '2026-03-31',
      uom: 'EA',
    };
    expect(inventory(parsed)).toEqual([
      {
        ...common,
        sourceLineNumber: 4,
        quantityOnHand: '50',
        quantityReceived: '20',
        quantityOnOrder: '10',
        quantityInTransit: '30',
        warehouse: 'WH-1',
      },
      { ...common, sourceLineNumber: 10, quantitySold: '10', warehouse: 'S1' },
      { ...common, sourceLineNumber: 10, quantitySold: '25', warehouse: 'S2' },
    ]);
    expect(parsed.rejected.map((line) => [line.sourceLineNumber, line.reasons])).toEqual([
      [11, [{ field: 'quantityOnHand', message: "'x' is not a number" }]],
      [13, [{ field: 'uom', message: "product 'SW-1' has no conversion from 'CA' to 'EA'" }]],
    ]);
  });

  const byLocation =
    'ST*852*0001~XQ*H*20260331~N1*WH*MAIN*92*WH-1~' +
    'LIN**VP*SW-1~ZA*QS*6*EA~SDQ*EA*92*S1*1*S2*2~SDQ*EA*92*S3*3~ZA*QA**EA~SDQ*EA*92*S1*7~' +
    'LIN**VP*CAB-2~ZA*QS*9*M~SDQ*M*92*S1*4*S2*4~SE*12*0001~';

  it('keeps the locations of one SDQ segment in one batch, so a checkpoint never splits them', async () => {
    const parsed = await parseAll(bytes(byLocation), { ...x12, kind: 'inventory', batchSize: 1 });

    expect(
      inventory(parsed).map((line) => [
        line.sourceLineNumber,
        line.warehouse,
        line.quantitySold,
        line.quantityOnHand,
      ]),
    ).toEqual([
      [6, 'S1', '1', '7'],
      [6, 'S2', '2', undefined],
      [7, 'S3', '3', undefined],
    ]);
    expect(parsed.lastLineNumbers).toEqual([6, 7, 10]);
    expect(parsed.rejected.map((line) => [line.sourceLineNumber, line.reasons[0]?.message])).toEqual([
      [10, 'ZA*QS reports 9 but its SDQ locations add up to 8'],
    ]);
  });

  it('resumes after a checkpoint at a location line without losing or repeating a location', async () => {
    const resumed = await parseAll(bytes(byLocation), { ...x12, kind: 'inventory', startAfterLine: 6 });

    expect(inventory(resumed).map((line) => line.warehouse)).toEqual(['S3']);
  });
});
