import { describe, expect, it } from 'vitest';
import { CsvTokenizer, type LineProblem } from '../../../domain/ingestion/csv-tokenizer';
import { FileRejectedError } from '../../../domain/ingestion/file-rejected-error';
import { ingestLimits } from '../../../domain/ingestion/ingest-limits';
import { defaultMappingProfile } from '../../../domain/ingestion/mapping-profile';
import { parseChannelFile } from '../../../domain/ingestion/parse-channel-file';
import { bytes, chunked, parseAll, sales } from './ingestion-helpers';

const header =
  'invoice_number,invoice_line,invoice_date,sku,quantity,uom,unit_price,extended_amount,currency';
const goodLine = (invoice: string) => `${invoice},1,2026-01-02,SW-1,1,EA,5,5,USD`;
const limit = ingestLimits.lineChars;

describe('CsvTokenizer: line limit', () => {
  it('streams past a 20 MiB line fed in 64 KiB chunks, never holding more than about one limit', () => {
    const records: number[] = [];
    const problems: { line: number; raw: string; problem: LineProblem }[] = [];
    const tokenizer = new CsvTokenizer(
      ',',
      1,
      (_cells, line) => records.push(line),
      (line, raw, problem) => problems.push({ line, raw, problem }),
    );
    const chunk = 'X'.repeat(64 * 1024);
    let largestBuffer = 0;
    tokenizer.push('a,b\n');
    for (let sent = 0; sent < 20 * 1024 * 1024; sent += chunk.length) {
      tokenizer.push(chunk);
      largestBuffer = Math.max(largestBuffer, tokenizer.bufferedChars);
    }
    tokenizer.push('\nc,d\n');
    tokenizer.end();

    expect(largestBuffer).toBeLessThanOrEqual(limit + chunk.length);
    expect(records).toEqual([1, 3]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line).toBe(2);
    expect(problems[0]?.problem.code).toBe('line_too_long');
    expect(problems[0]?.problem.message).toContain('65,536 characters');
    expect(problems[0]?.raw).toBe('X'.repeat(ingestLimits.rawExcerptChars));
  });

  it('refuses a line one character over the limit and keeps one at the limit, in one chunk or many', () => {
    for (const size of [7, 4096, 1 << 22]) {
      const lines: string[] = [];
      const problems: number[] = [];
      const tokenizer = new CsvTokenizer(
        ',',
        1,
        (_cells, _line, raw) => lines.push(raw),
        (line) => problems.push(line),
      );
      const text = `${'a'.repeat(limit)}\n${'b'.repeat(limit + 1)}\nshort`;
      for (let at = 0; at < text.length; at += size) tokenizer.push(text.slice(at, at + size));
      tokenizer.end();
      expect(lines.map((line) => line.length)).toEqual([limit, 5]);
      expect(problems).toEqual([2]);
    }
  });

  it('refuses a quoted record whose quote never closes within the limit, line by line', () => {
    const problems: LineProblem['code'][] = [];
    const tokenizer = new CsvTokenizer(
      ',',
      1,
      () => undefined,
      (_line, _raw, problem) => problems.push(problem.code),
    );
    tokenizer.push(`"open,${'y'.repeat(100)}\n`);
    for (let index = 0; index < 2000; index++) tokenizer.push(`${'z'.repeat(100)}\n`);
    expect(tokenizer.bufferedChars).toBeLessThanOrEqual(limit + 101);
    tokenizer.end();
    expect(problems[0]).toBe('unterminated_quote');
  });
});

describe('parseChannelFile: hostile line lengths', () => {
  it('rejects a 20 MiB data line naming the limit and ingests the lines around it', async () => {
    const csv = `${header}\n${goodLine('I-1')}\n${goodLine('I-2')}${'X'.repeat(20 * 1024 * 1024)}\n${goodLine('I-3')}\n`;

    const parsed = await parseAll(bytes(csv), {}, [64 * 1024]);

    expect(sales(parsed).map((line) => line.invoiceNumber)).toEqual(['I-1', 'I-3']);
    expect(parsed.rejected).toHaveLength(1);
    expect(parsed.rejected[0]?.sourceLineNumber).toBe(3);
    expect(parsed.rejected[0]?.raw.length).toBe(ingestLimits.rawExcerptChars);
    expect(parsed.rejected[0]?.reasons[0]?.message).toMatch(/longer than 65,536 characters/);
  });

  it('fails the file with a short reason when the header row ends in 20 MiB of X', async () => {
    const csv = `${header}${'X'.repeat(20 * 1024 * 1024)}\n${goodLine('I-1')}\n`;

    const failure = await parseAll(bytes(csv), {}, [64 * 1024]).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(FileRejectedError);
    const reason = (failure as FileRejectedError).reasons[0];
    expect(reason?.code).toBe('too_large');
    expect(reason?.message).toMatch(/header on line 1 .* longer than 65,536 characters/);
    expect((failure as FileRejectedError).message.length).toBeLessThan(200);
  });

  it('stops reading a file once its header row is longer than the limit', async () => {
    let pulled = 0;
    const data = bytes(`${header}${'X'.repeat(4 * limit)}\n${goodLine('I-1')}\n`);
    async function* counting() {
      for await (const chunk of chunked(data, [1024])) {
        pulled += chunk.length;
        yield chunk;
      }
    }
    const run = async () => {
      for await (const _ of parseChannelFile(counting(), {
        kind: 'pos',
        fileName: 'f.csv',
        contentType: 'text/csv',
        partnerId: 'P',
        sourceFileId: 'F',
        profile: defaultMappingProfile('pos'),
        products: { resolve: () => undefined, resolvePartnerSku: () => undefined },
      }));
    };
    await expect(run()).rejects.toBeInstanceOf(FileRejectedError);
    expect(pulled).toBeLessThan(4 * limit);
  });
});
