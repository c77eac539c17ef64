import { fileRejected } from './file-rejected-error';

/** The three layouts ingestion reads. */
export type ChannelFileFormat = 'csv' | 'xlsx' | 'x12';

const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  prefix.every((byte, index) => bytes[at + index] === byte);

/** Skips a UTF-8 BOM and leading ASCII whitespace. */
function firstContentByte(bytes: Uint8Array): number {
  let index = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  while (index < bytes.length) {
    const byte = bytes[index] ?? 0;
    if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d) break;
    index++;
  }
  return index;
}

const isUpperOrDigit = (byte: number | undefined): boolean =>
  byte !== undefined && ((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x30 && byte <= 0x39));

/** `ISA<sep>` or a bare transaction set `ST<sep>8..`, where the separator is not a letter, digit or space. */
function looksLikeX12(bytes: Uint8Array, at: number): boolean {
  if (startsWith(bytes, [0x49, 0x53, 0x41], at)) {
    const separator = bytes[at + 3];
    return separator !== undefined && !isUpperOrDigit(separator) && separator > 0x20;
  }
  if (startsWith(bytes, [0x53, 0x54], at)) {
    const separator = bytes[at + 2];
    return (
      separator !== undefined &&
      !isUpperOrDigit(separator) &&
      separator > 0x20 &&
      separator !== 0x2c &&
      isUpperOrDigit(bytes[at + 3]) &&
      isUpperOrDigit(bytes[at + 4]) &&
      isUpperOrDigit(bytes[at + 5]) &&
      bytes[at + 6] === separator
    );
  }
  return false;
}

/**
 * Decides how to read a file from its first bytes (at least a few hundred when the file is that long), its
 * name and its declared content type. The bytes win: a ZIP is read as XLSX, `ISA*`/`ST*` as X12, text as
 * CSV/TSV. Throws FileRejectedError for legacy XLS, PDF, other binaries, or an XLSX name or type on non-ZIP bytes.
 */
export function detectFormat(
  fileName: string,
  contentType: string,
  firstBytes: Uint8Array,
): ChannelFileFormat {
  const name = fileName.toLowerCase();
  const type = contentType.toLowerCase().split(';')[0]?.trim() ?? '';
  if (startsWith(firstBytes, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(firstBytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw fileRejected(
      'unsupported_format',
      'legacy Excel .xls files are not supported; save the sheet as .xlsx or CSV',
    );
  }
  if (startsWith(firstBytes, [0x25, 0x50, 0x44, 0x46])) {
    throw fileRejected('unsupported_format', 'PDF files are not supported; send CSV, XLSX or X12');
  }
  if (name.endsWith('.xlsx') || type === xlsxContentType) {
    throw fileRejected(
      'unsupported_format',
      `'${fileName}' is declared as XLSX but is not an XLSX (ZIP) file`,
    );
  }
  const utf16 = startsWith(firstBytes, [0xff, 0xfe]) || startsWith(firstBytes, [0xfe, 0xff]);
  if (!utf16 && firstBytes.subarray(0, 4096).includes(0)) {
    throw fileRejected('unsupported_format', 'the file is binary, not CSV, XLSX or X12 text');
  }
  if (!utf16 && looksLikeX12(firstBytes, firstContentByte(firstBytes))) return 'x12';
  return 'csv';
}
