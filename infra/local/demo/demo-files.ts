import ExcelJS from 'exceljs';
import type { acceptedContentTypes } from '../../../domain/channel-files/request-upload';
import type { ChannelDataKind } from '../../../domain/ingestion/channel-file-kind';
import { demoProducts } from './demo-channel';

/**
 * Sample partner files for the demo, one per format, generated deterministically from the demo catalog:
 * a CSV POS report (DIST-NORTH), an XLSX POS report (DIST-SOUTH), an X12 867 (DIST-WEST) and an X12 852
 * inventory report (DIST-CANADA), each with a couple of lines that must be rejected so the rejection
 * report has something to show.
 */
export interface DemoFile {
  readonly partnerId: string;
  readonly kind: ChannelDataKind;
  readonly fileName: string;
  readonly contentType: (typeof acceptedContentTypes)[number];
  readonly body: Buffer;
}

const skus = demoProducts.map((product) => product.sku);
const sku = (index: number) => skus[index % skus.length] ?? 'SW-0001';
const day = (index: number) => `2026-03-${String((index % 28) + 1).padStart(2, '0')}`;
const quantity = (index: number) => ((index * 7) % 11) + 1 - (index % 17 === 0 ? 13 : 0); // a few returns
const price = (index: number) => (50 + ((index * 37) % 400)).toFixed(2);

function posRows(prefix: string, count: number): string[][] {
  return Array.from({ length: count }, (_, index) => [
    `${prefix}-${1000 + Math.floor(index / 3)}`,
    String((index % 3) + 1),
    day(index),
    sku(index * 5),
    String(quantity(index)),
    'EA',
    price(index),
    `END-${(index % 12) + 1}`,
  ]);
}

const posHeader = [
  'invoice_number',
  'invoice_line',
  'invoice_date',
  'sku',
  'quantity',
  'uom',
  'unit_price',
  'end_customer_id',
];

function csvFile(): DemoFile {
  const rows = [
    ...posRows('NINV', 150),
    ['NINV-9999', '1', '2026-03-31', 'NOT-A-SKU', '2', 'EA', '10.00', 'END-1'],
    ['NINV-9999', '2', '2026-02-30', sku(1), '2', 'EA', '10.00', 'END-1'],
  ];
  const text = [posHeader, ...rows].map((row) => row.join(',')).join('\r\n');
  return {
    partnerId: 'DIST-NORTH',
    kind: 'pos',
    fileName: 'northwind-pos-2026-03.csv',
    contentType: 'text/csv',
    body: Buffer.from(`${text}\r\n`),
  };
}

async function xlsxFile(): Promise<DemoFile> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('POS');
  sheet.addRow(posHeader);
  for (const row of posRows('SINV', 120)) sheet.addRow(row);
  sheet.addRow(['SINV-9999', '1', '2026-03-31', sku(2), 'twelve', 'EA', '10.00', 'END-2']);
  return {
    partnerId: 'DIST-SOUTH',
    kind: 'pos',
    fileName: 'southern-supply-march.xlsx',
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: Buffer.from(await workbook.xlsx.writeBuffer()),
  };
}

/** Wraps a transaction set in an ISA/GS … GE/IEA envelope; SE counts the segments from ST to SE. */
function envelope(functionalId: string, body: string[]): Buffer {
  const all = [
    'ISA*00*          *00*          *ZZ*DEMOPARTNER    *ZZ*CHRM           *260331*1200*U*00501*000000001*0*P*>',
    `GS*${functionalId}*DEMOPARTNER*CHRM*20260331*1200*1*X*005010`,
    ...body,
    `SE*${body.length + 1}*0001`,
    'GE*1*1',
    'IEA*1*000000001',
  ];
  return Buffer.from(`${all.join('~\n')}~\n`);
}

function x12_867(): DemoFile {
  const segments = ['ST*867*0001', 'BPT*00*WEST-2026-03*20260331*DD', 'CUR*SE*USD'];
  for (let invoice = 0; invoice < 40; invoice++) {
    const date = day(invoice).replaceAll('-', '');
    segments.push(
      'PTD*SS',
      `DTM*003*${date}`,
      `REF*IV*WINV-${2000 + invoice}`,
      `N1*ST*Customer ${invoice % 9}*92*END-${invoice % 9}`,
    );
    for (let line = 1; line <= 2; line++) {
      const index = invoice * 2 + line;
      segments.push(
        `QTY*39*${Math.abs(quantity(index))}*EA`,
        `LIN*${line}*VP*${sku(index * 3)}`,
        `UIT*EA*${price(index)}`,
      );
    }
  }
  segments.push(
    'PTD*SS',
    'DTM*003*20260331',
    'REF*IV*WINV-9999',
    'QTY*39*1*EA',
    'LIN*1*VP*UNKNOWN-PART',
    'UIT*EA*1.00',
  );
  segments.push(`CTT*${40 * 2 + 1}`);
  return {
    partnerId: 'DIST-WEST',
    kind: 'pos',
    fileName: 'pacific-867-2026-03.edi',
    contentType: 'application/edi-x12',
    body: envelope('PT', segments),
  };
}

function x12_852(): DemoFile {
  const segments = ['ST*852*0001', 'XQ*H*20260331', 'N1*WH*Maple Warehouse*92*DIST-CANADA-WH1'];
  for (let index = 0; index < 30; index++) {
    segments.push(
      `LIN*${index + 1}*VP*${sku(index * 2)}`,
      `ZA*QA*${20 + ((index * 13) % 80)}*EA`,
      `ZA*QS*${(index * 7) % 25}*EA`,
      `ZA*QR*${(index * 5) % 30}*EA`,
    );
  }
  segments.push('LIN*31*VP*RETIRED-9', 'ZA*QA*4*EA');
  return {
    partnerId: 'DIST-CANADA',
    kind: 'inventory',
    fileName: 'maple-852-2026-03-31.edi',
    contentType: 'application/edi-x12',
    body: envelope('PD', segments),
  };
}

export async function demoFiles(): Promise<DemoFile[]> {
  return [csvFile(), await xlsxFile(), x12_867(), x12_852()];
}
