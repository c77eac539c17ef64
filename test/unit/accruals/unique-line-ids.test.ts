import { describe, expect, it } from 'vitest';
import { AccrualWorkspace } from '../../../domain/accruals/engine/accrual-workspace';
import { UniqueLineIds } from '../../../domain/accruals/engine/unique-line-ids';
import type { SaleLine } from '../../../domain/accruals/sale-line';
import { saleLine } from './builders';

function idsOf(count: number, id: (index: number) => string): { lines: SaleLine[]; unique: UniqueLineIds } {
  const lines = Array.from({ length: count }, (_, index) => saleLine({ lineId: id(index) }));
  const unique = new UniqueLineIds(count, new AccrualWorkspace());
  lines.forEach((line, index) => {
    unique.add(index, line.lineId);
  });
  return { lines, unique };
}

describe('UniqueLineIds', () => {
  it('finds a repeated id among many, naming it', () => {
    const { lines, unique } = idsOf(5_000, (index) => `INV-${index % 4_999}`);
    expect(() => unique.check(lines)).toThrow("sale line 'INV-0' appears twice");
  });

  it('passes distinct ids that differ only in their last characters', () => {
    const { lines, unique } = idsOf(5_000, (index) => `L${String(index).padStart(7, '0')}`);
    expect(() => unique.check(lines)).not.toThrow();
  });

  it('spreads sequential ids over its bitset, so few lines need comparing by id', () => {
    // 2^17 bits for 4,096 lines: a uniform hash leaves about n² / 2m ≈ 64 lines sharing a bit.
    const { unique } = idsOf(4_096, (index) => `L${String(index).padStart(7, '0')}`);
    expect(unique.collisions).toBeLessThan(200);
  });
});
