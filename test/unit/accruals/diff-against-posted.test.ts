import { describe, expect, it } from 'vitest';
import { diffAgainstPosted } from '../../../domain/accruals/diff-against-posted';
import { computeAccruals } from '../../../domain/accruals/engine/compute-accruals';
import { annualVolumeProgram, march2026, program, saleLine, sumCents } from './builders';

const annual = annualVolumeProgram;

describe('diffAgainstPosted', () => {
  it('proposes everything as new when nothing is posted', () => {
    const run = computeAccruals({
      lines: [saleLine({ lineId: 'L1', quantityBase: '10' })],
      programs: [annual],
      period: march2026,
    });

    const deltas = diffAgainstPosted(run.entries, []);

    expect(deltas.map((delta) => [delta.reason, delta.amount, delta.previouslyPosted])).toEqual([
      ['new', '1.00', '0.00'],
    ]);
    expect(deltas[0]?.trace).toEqual(run.entries[0]?.trace);
  });

  it('trues up the year-to-date accrual when a tier is crossed, against the sum of earlier postings', () => {
    const january = saleLine({ lineId: 'JAN', invoiceDate: '2026-01-10', quantityBase: '600' });
    const february = saleLine({ lineId: 'FEB', invoiceDate: '2026-02-10', quantityBase: '300' });
    const march = saleLine({ lineId: 'MAR', invoiceDate: '2026-03-10', quantityBase: '300' });
    const runJanuary = computeAccruals({
      lines: [january],
      programs: [annual],
      period: { start: '2026-01-01', end: '2026-01-31' },
    });
    const postedJanuary = diffAgainstPosted(runJanuary.entries, []);
    const runFebruary = computeAccruals({
      lines: [january, february],
      programs: [annual],
      period: { start: '2026-02-01', end: '2026-02-28' },
    });
    const postedFebruary = diffAgainstPosted(runFebruary.entries, postedJanuary);
    const runMarch = computeAccruals({
      lines: [january, february, march],
      programs: [annual],
      period: march2026,
    });

    const deltas = diffAgainstPosted(runMarch.entries, [...postedJanuary, ...postedFebruary]);

    // Posted 60.00 + 30.00; 1,200 units now earn 0.20 each = 240.00, so March posts 150.00.
    expect(postedFebruary.map((delta) => delta.amount)).toEqual(['30.00']);
    expect(
      deltas.map((delta) => [delta.reason, delta.previouslyPosted, delta.recomputed, delta.amount]),
    ).toEqual([['restated', '90.00', '240.00', '150.00']]);
  });

  it('reverses a posted entry the run no longer computes, but only inside the run scopes', () => {
    const coop = program({ kind: 'coop', percent: '10' });
    const before = computeAccruals({
      lines: [saleLine({ lineId: 'L1', sku: 'SKU-1' }), saleLine({ lineId: 'L2', sku: 'SKU-2' })],
      programs: [coop],
      period: march2026,
    });
    const restated = computeAccruals({
      lines: [saleLine({ lineId: 'L1', sku: 'SKU-1' })],
      programs: [coop],
      period: march2026,
    });
    const otherPeriod = {
      ...(before.entries[0] ?? before.entries[1]),
      period: '2026-02',
    } as (typeof before.entries)[number];

    const deltas = diffAgainstPosted(restated.entries, [...before.entries, otherPeriod], restated.scopes);

    expect(deltas.map((delta) => [delta.sku, delta.reason, delta.amount, delta.trace])).toEqual([
      ['SKU-2', 'withdrawn', '-1.00', null],
    ]);
  });

  it('nets the deltas so that posted plus deltas equals the recomputed total', () => {
    const coop = program({ kind: 'coop', percent: '7' });
    const first = computeAccruals({
      lines: [
        saleLine({ lineId: 'L1', extendedAmount: '99.99' }),
        saleLine({ lineId: 'L2', sku: 'SKU-2', extendedAmount: '10' }),
      ],
      programs: [coop],
      period: march2026,
    });
    const second = computeAccruals({
      lines: [
        saleLine({ lineId: 'L1', extendedAmount: '109.99' }),
        saleLine({ lineId: 'L3', sku: 'SKU-3', extendedAmount: '55.55' }),
      ],
      programs: [coop],
      period: march2026,
    });

    const deltas = diffAgainstPosted(second.entries, first.entries, second.scopes);

    const posted = sumCents(first.entries.map((entry) => entry.amount));
    const recomputed = sumCents(second.entries.map((entry) => entry.amount));
    expect(sumCents([posted, ...deltas.map((delta) => delta.amount)])).toBe(recomputed);
    expect(deltas.map((delta) => delta.reason).sort()).toEqual(['new', 'restated', 'withdrawn']);
  });
});
