/**
 * What one channel file may make ingestion hold or do, in one place. Each reader enforces its part while it
 * streams, so a hostile file (a 20 MiB header row, a 53 KB workbook inflating to a 50 MB cell) is refused
 * after reading at most about one limit's worth, never held whole.
 */
export const ingestLimits = {
  /** Characters in one physical line or quoted record of a CSV/TSV file (the header row too), and in one X12 segment. */
  lineChars: 64 * 1024,
  /** Characters of an over-long line kept as the raw text of its rejected-line record. */
  rawExcerptChars: 1024,
  /** Inflated bytes of all the parts of one XLSX workbook. */
  xlsxInflatedBytes: 1024 ** 3,
  /** Inflated bytes of the shared-strings part, which the XLSX reader keeps in memory for the whole sheet. */
  xlsxSharedStringsBytes: 64 * 1024 ** 2,
  /**
   * Bytes of XML text or of one tag between two angle brackets in an XLSX part. A cell value is one such run;
   * Excel's own cell maximum of 32,767 characters at up to 6 bytes each (UTF-8 or an entity) fits within it.
   */
  xlsxXmlRunBytes: 256 * 1024,
} as const;

/** `65536` as `65,536`, for reasons that name a limit. */
export const limitText = (value: number): string => value.toLocaleString('en-US');
