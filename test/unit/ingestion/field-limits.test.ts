import { describe, expect, it } from 'vitest';
import {
  customValueLengthLimit,
  maxRejectedRawLength,
  maxStoredLineBytes,
  storableRejection,
} from '../../../domain/ingestion/field-limits';
import { bytes, parseAll, sales } from './ingestion-helpers';

const header =
  'invoice_number,invoice_line,invoice_date,sku,quantity,uom,unit_price,currency,end_customer_id';
const line = (invoice: string, endCustomer: string) =>
  `${invoice},1,2026-03-15,SW-1,1,EA,10.00,USD,${endCustomer}`;

describe('field length limits', () => {
  it.each([
    ['300 characters', 300],
    // Under the 64 KiB line limit, so the field check (not the tokenizer's line guard) names it.
    ['60,000 characters', 60_000],
  ])(
    'rejects an end_customer_id of %s naming the field and its limit of 200 (nothing cut)',
    async (_, length) => {
      const csv = `${header}\n${line('A-1', 'C'.repeat(length))}\n${line('A-2', 'C'.repeat(200))}\n`;
      const parsed = await parseAll(bytes(csv));
      expect(parsed.rejected).toHaveLength(1);
      expect(parsed.rejected[0]?.reasons).toEqual([
        { field: 'endCustomerId', message: `is ${length} characters long; the limit is 200` },
      ]);
      // A value at the limit is kept whole.
      expect(sales(parsed).map((sale) => sale.endCustomerId?.length)).toEqual([200]);
    },
  );

  it('rejects a 60,000-character custom attribute naming custom.<name> and keeps the other lines whole', async () => {
    const csv = [
      `${header},custom_notes`,
      `${line('B-1', 'C-1')},fine`,
      `${line('B-2', 'C-1')},${'N'.repeat(60_000)}`,
      `${line('B-3', 'C-1')},fine`,
    ].join('\n');
    const parsed = await parseAll(bytes(csv));
    expect(sales(parsed).map((sale) => sale.invoiceNumber)).toEqual(['B-1', 'B-3']);
    expect(parsed.rejected[0]?.reasons).toEqual([
      {
        field: 'custom.notes',
        message: `is 60000 characters long; the limit is ${customValueLengthLimit}`,
      },
    ]);
  });

  it('rejects a line whose custom attributes together are too big to store, naming the largest', async () => {
    const names = Array.from({ length: 80 }, (_, index) => `custom_c${index}`);
    const values = names.map((_, index) => (index === 7 ? 'W' : 'V').repeat(customValueLengthLimit));
    const csv = `${header},${names.join(',')}\n${line('C-1', 'C-1')},${values.join(',')}\n`;
    const parsed = await parseAll(bytes(csv));
    expect(parsed.accepted).toHaveLength(0);
    expect(parsed.rejected[0]?.reasons[0]?.field).toMatch(/^custom\.c\d+$/);
    expect(parsed.rejected[0]?.reasons[0]?.message).toContain(`the limit is ${maxStoredLineBytes}`);
  });
});

describe('a rejection as it is stored', () => {
  it('bounds the raw text and each message, saying how long they were', () => {
    const stored = storableRejection({
      sourceLineNumber: 9,
      raw: 'x'.repeat(maxRejectedRawLength + 10),
      reasons: [{ field: 'quantity', message: `'${'9'.repeat(5_000)}' is not a number` }],
    });
    expect(stored.raw).toHaveLength(
      maxRejectedRawLength + ` (${maxRejectedRawLength + 10} characters)`.length + 1,
    );
    expect(stored.raw.endsWith(`… (${maxRejectedRawLength + 10} characters)`)).toBe(true);
    expect(stored.reasons[0]?.message.length).toBeLessThan(400);
  });
});
