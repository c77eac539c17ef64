import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../domain/ingestion/detect-format';
import { FileRejectedError } from '../../../domain/ingestion/file-rejected-error';
import { bytes } from './ingestion-helpers';

describe('detectFormat', () => {
  it.each([
    [
      'a ZIP signature',
      'x.bin',
      'application/octet-stream',
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1]),
      'xlsx',
    ],
    ['an ISA header', 'x.txt', 'text/plain', bytes('ISA*00*          *00*'), 'x12'],
    ['a bare ST after a BOM and blank line', 'x.edi', 'text/plain', bytes('\uFEFF\r\nST*867*0001~'), 'x12'],
    ['a CSV whose first column is ST', 'x.csv', 'text/csv', bytes('ST,qty\nA,1\n'), 'csv'],
    ['text', 'x.csv', 'text/csv', bytes('invoice_number,sku\n'), 'csv'],
    ['UTF-16 text with a BOM', 'x.txt', 'text/plain', new Uint8Array([0xff, 0xfe, 0x41, 0x00]), 'csv'],
  ])('reads %s as %s', (_name, fileName, contentType, firstBytes, format) => {
    expect(detectFormat(fileName, contentType, firstBytes)).toBe(format);
  });

  it.each([
    ['legacy XLS', 'x.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1])],
    ['PDF', 'x.pdf', bytes('%PDF-1.7')],
    ['an XLSX name on text', 'x.xlsx', bytes('a,b\n')],
    ['binary bytes', 'x.csv', new Uint8Array([0x41, 0x00, 0x42])],
  ])('refuses %s', (_name, fileName, firstBytes) => {
    expect(() => detectFormat(fileName, 'application/octet-stream', firstBytes)).toThrow(FileRejectedError);
  });
});
