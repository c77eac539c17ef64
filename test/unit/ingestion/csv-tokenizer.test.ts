import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CsvDelimiter, CsvTokenizer } from '../../../domain/ingestion/csv-tokenizer';

interface Emitted {
  cells: string[];
  line: number;
  raw: string;
}

/** Tokenizes `text` pushed in pieces of `sizes` characters; copies the cells, which the tokenizer reuses. */
function tokenize(
  text: string,
  delimiter: 'auto' | CsvDelimiter,
  sizes: readonly number[],
  detectAtLine = 1,
): Emitted[] {
  const emitted: Emitted[] = [];
  const tokenizer = new CsvTokenizer(
    delimiter,
    detectAtLine,
    (cells, line, raw) => emitted.push({ cells: [...cells], line, raw }),
    (line) => {
      throw new Error(`line ${line} reported malformed`);
    },
  );
  let offset = 0;
  for (let index = 0; offset < text.length; index++) {
    const size = sizes[index % sizes.length] ?? text.length;
    tokenizer.push(text.slice(offset, offset + size));
    offset += size;
  }
  tokenizer.end();
  return emitted;
}

const plainCharacters = fc.constantFrom('a', 'Z', '7', ' ', '.', '-', 'é', '☕');
const quotedCharacters = fc.constantFrom('a', ',', ';', '\t', '|', '"', '\n', ' ');

/** A cell: plain text (no quote, delimiter or line break) or a quoted value that may hold any of those. */
const cellArbitrary = fc.oneof(
  fc.string({ unit: plainCharacters, maxLength: 6 }).map((value) => ({ value, quoted: false })),
  fc.string({ unit: quotedCharacters, maxLength: 6 }).map((value) => ({ value, quoted: true })),
);

describe('CsvTokenizer', () => {
  it('splits title rows on commas and detects the delimiter on the header line', () => {
    const text = 'Sales report, March\nno delimiter here\ninvoice;sku;qty\nI-1;SW-1;2,5\nI-2\n';
    expect(tokenize(text, 'auto', [text.length], 3)).toEqual([
      { cells: ['Sales report', ' March'], line: 1, raw: 'Sales report, March' },
      { cells: ['no delimiter here'], line: 2, raw: 'no delimiter here' },
      { cells: ['invoice', 'sku', 'qty'], line: 3, raw: 'invoice;sku;qty' },
      { cells: ['I-1', 'SW-1', '2,5'], line: 4, raw: 'I-1;SW-1;2,5' },
      { cells: ['I-2'], line: 5, raw: 'I-2' },
    ]);
  });

  it('slices unquoted records exactly like split, whatever the chunks, line ends and blank lines (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<CsvDelimiter>(',', ';', '\t', '|'),
        fc.constantFrom('\n', '\r\n'),
        fc.array(
          fc.oneof(
            fc.constant(''),
            fc.array(fc.string({ unit: plainCharacters, maxLength: 5 }), { minLength: 1, maxLength: 6 }),
          ),
          { minLength: 1, maxLength: 12 },
        ),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 8 }),
        (delimiter, lineEnd, records, endsWithLineEnd, sizes) => {
          const lines = records.map((cells) => (cells === '' ? '' : cells.join(delimiter)));
          const text = lines.join(lineEnd) + (endsWithLineEnd ? lineEnd : '');
          const expected = lines.flatMap((raw, index) =>
            raw === '' ? [] : [{ cells: raw.split(delimiter), line: index + 1, raw }],
          );
          expect(tokenize(text, delimiter, sizes)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads quoted and unquoted records mixed in one buffer, whatever the chunks (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(cellArbitrary, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 8 }),
        (records, sizes) => {
          const expected: Emitted[] = [];
          let text = '';
          let line = 1;
          for (const cells of records) {
            const raw = cells
              .map(({ value, quoted }) => (quoted ? `"${value.replaceAll('"', '""')}"` : value))
              .join(',');
            // A record of one empty plain cell is a blank line: skipped, but it still takes its line.
            if (raw !== '') expected.push({ cells: cells.map(({ value }) => value), line, raw });
            text += `${raw}\n`;
            line += raw.split('\n').length;
          }
          expect(tokenize(text, ',', sizes)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
