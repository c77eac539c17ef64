import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runSaleLinesOf } from '../../../functions/adapters/channel-line-items';
import { readBack, storedRecordSchema, UnreadableItemError } from '../../../functions/adapters/read-back';
import { storageStripper } from '../../../functions/adapters/table-access';

interface Widget {
  readonly widgetId: string;
  readonly size: number;
  readonly note?: string;
}

const widgetSchema = storedRecordSchema<Widget>()({ widgetId: z.string().min(1), size: z.number() });
const withoutStorage = storageStripper('type');
const stored = { widgetId: 'W-1', size: 3, note: 'kept', version: 2, createdAt: 't0', updatedAt: 't1' };

function failureOf(read: () => unknown): UnreadableItemError {
  try {
    read();
  } catch (error) {
    if (error instanceof UnreadableItemError) return error;
    throw error;
  }
  throw new Error('the read did not fail');
}

describe('readBack', () => {
  it('reads the record an item stores, storage attributes removed and unchecked fields kept as written', () => {
    const item = { pk: 'W#1', sk: 'W', type: 'Widget', ...stored };
    expect(readBack(widgetSchema, item, withoutStorage)).toEqual(stored);
  });

  it('names the item by its key and the first field that does not hold what the schema says', () => {
    const item = { pk: 'W#2', sk: 'W', type: 'Widget', ...stored, size: '3' };
    const error = failureOf(() => readBack(widgetSchema, item, withoutStorage));
    expect(error.item).toBe('pk=W#2 sk=W');
    expect(error.field).toBe('size');
    expect(error.message).toMatch(/^Stored item pk=W#2 sk=W is unreadable: size: /);
  });

  it('refuses an item without its bookkeeping', () => {
    const { version: _version, ...unversioned } = stored;
    expect(failureOf(() => readBack(widgetSchema, { pk: 'W#3', sk: 'W', ...unversioned })).field).toBe(
      'version',
    );
  });
});

describe('runSaleLinesOf', () => {
  const line = {
    partnerId: 'P-A',
    invoiceNumber: 'INV-1',
    invoiceLine: '1',
    invoiceDate: '2026-04-02',
    sku: 'SKU-1',
    category: 'SWITCHES',
    quantity: '2',
    uom: 'EA',
    extendedAmount: '10.50',
    currency: 'USD',
    shipDate: '2026-04-01',
    custom: { region: 'east' },
    sourceLineNumber: 2,
  };

  it('passes a page whose lines hold every field a run reads with its type, optional ones absent or text', () => {
    const { shipDate: _shipDate, custom: _custom, sourceLineNumber: _number, ...minimal } = line;
    const page = [line, minimal];
    expect(runSaleLinesOf('SALES#P-A#2026-04', page)).toBe(page);
  });

  it.each([
    ['a required text missing', { quantity: undefined }, 'quantity', 'missing (expected text)'],
    [
      'a required text of another type',
      { extendedAmount: 10.5 },
      'extendedAmount',
      'expected text, got 10.5',
    ],
    ['an optional text of another type', { shipDate: 20260401 }, 'shipDate', 'expected text, got 20260401'],
    [
      'custom fields that are no object',
      { custom: 'east' },
      'custom',
      'expected an object of texts, got "east"',
    ],
    [
      'a line number that is no number',
      { sourceLineNumber: '2' },
      'sourceLineNumber',
      'expected a number, got "2"',
    ],
  ])('names the partition, the line and the field of %s', (_case, change, field, detail) => {
    const error = failureOf(() => runSaleLinesOf('SALES#P-A#2026-04', [line, { ...line, ...change }]));
    expect(error.item).toBe('gsi1pk=SALES#P-A#2026-04 (invoice INV-1 line 1)');
    expect(error.field).toBe(field);
    expect(error.message).toContain(detail);
  });
});
