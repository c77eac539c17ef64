import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accrualRunRequestSchema, previousMonth } from '../../../domain/accrual-runs/accrual-run';

describe('previousMonth', () => {
  it.each([
    ['2026-04-01T00:05:00.000Z', '2026-03-01', '2026-03-31'],
    ['2026-01-01T00:05:00.000Z', '2025-12-01', '2025-12-31'],
    ['2026-03-01T00:05:00.000Z', '2026-02-01', '2026-02-28'],
    ['2024-03-01T00:05:00.000Z', '2024-02-01', '2024-02-29'],
    ['2000-03-01T00:05:00.000Z', '2000-02-01', '2000-02-29'],
    ['2100-03-01T00:05:00.000Z', '2100-02-01', '2100-02-28'],
    ['2026-05-31T23:59:59.999Z', '2026-04-01', '2026-04-30'],
  ])('at %s is %s to %s', (at, start, end) => {
    expect(previousMonth(new Date(at))).toEqual({ start, end });
  });

  it('is always the whole calendar month just before the instant, in UTC (property)', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1901-01-01T00:00:00Z'),
          max: new Date('2199-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (at) => {
          const { start, end } = previousMonth(at);
          const dayAfterEnd = new Date(`${end}T00:00:00Z`);
          dayAfterEnd.setUTCDate(dayAfterEnd.getUTCDate() + 1);
          expect(dayAfterEnd.toISOString().slice(0, 10)).toBe(`${at.toISOString().slice(0, 7)}-01`);
          expect(start).toBe(`${end.slice(0, 7)}-01`);
        },
      ),
    );
  });
});

describe('accrualRunRequestSchema', () => {
  it('refuses a period that ends before it starts, and an accounting date before the period', () => {
    const result = accrualRunRequestSchema.safeParse({
      period: { start: '2026-03-31', end: '2026-03-01' },
      accountingDate: '2026-02-28',
    });
    expect(result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'))).toEqual([
      'period.end',
      'accountingDate',
    ]);
  });
});
