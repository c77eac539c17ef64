import { describe, expect, it } from 'vitest';
import { amountAfterOffsets, recoveryOffsets } from '../../../domain/price-protection/recovery-offsets';

const recovery = (runId: string, amount: string, createdAt: string) => ({ runId, amount, createdAt });

describe('setting recoveries against a claim', () => {
  it('oldest first, while the claim still pays something: 100.00 takes −30.00 and −50.00, not −40.00 after them', () => {
    const open = [
      recovery('R3', '-40.00', '2026-03-01T00:00:00Z'),
      recovery('R1', '-30.00', '2026-01-01T00:00:00Z'),
      recovery('R2', '-50.00', '2026-02-01T00:00:00Z'),
    ];

    const taken = recoveryOffsets(open, '100.00', 'USD');

    expect(taken).toEqual([
      { runId: 'R1', amount: '30.00' },
      { runId: 'R2', amount: '50.00' },
    ]);
    expect(amountAfterOffsets('100.00', taken, 'USD')).toBe('20.00');
  });

  it('a recovery as large as the claim waits (a claim of nothing is no claim); a smaller later one is taken', () => {
    const open = [
      recovery('R1', '-100.00', '2026-01-01T00:00:00Z'),
      recovery('R2', '-0.01', '2026-02-01T00:00:00Z'),
    ];

    expect(recoveryOffsets(open, '100.00', 'USD')).toEqual([{ runId: 'R2', amount: '0.01' }]);
  });

  it('at most 5 per claim', () => {
    const open = Array.from({ length: 7 }, (_, index) =>
      recovery(`R${index}`, '-1.00', `2026-01-0${index + 1}T00:00:00Z`),
    );

    expect(recoveryOffsets(open, '100.00', 'USD').map((offset) => offset.runId)).toEqual([
      'R0',
      'R1',
      'R2',
      'R3',
      'R4',
    ]);
  });
});
