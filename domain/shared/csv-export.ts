/**
 * Cells a spreadsheet would read as a formula (=, +, -, @, tab, carriage return first) get a leading
 * apostrophe, so an exported report can never run a partner-supplied formula (CSV injection).
 */
export function csvCell(value: unknown): string {
  const text = value === undefined || value === null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** A CSV document (CRLF line ends, RFC 4180) from a header and rows. */
export function csvDocument(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [header, ...rows]
    .map((row) => row.map(csvCell).join(','))
    .join('\r\n')
    .concat('\r\n');
}
