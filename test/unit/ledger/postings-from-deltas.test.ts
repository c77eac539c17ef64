import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AccrualDimensions,
  type AccrualEntry,
  type AccrualTrace,
  accrualKey,
  type PostedAccrual,
} from '../../../domain/accruals/accrual-entry';
import { diffAgainstPosted } from '../../../domain/accruals/diff-against-posted';
import { ledgerPostingSchema } from '../../../domain/ledger/ledger-posting';
import { postedAccrualsOf, postingsFromDeltas } from '../../../domain/ledger/postings-from-deltas';
import { BusinessRuleError } from '../../../domain/shared/errors';
import { fnv1a64 } from '../../../domain/shared/fingerprint';
import { fromMinorUnits, toMinorUnits } from '../../../domain/shared/money/minor-units';
import { dimensions, posting } from './builders';

/** postingsFromDeltas passes no trace on, so one placeholder serves every entry. */
const trace: AccrualTrace = {
  programVersion: 1,
  programKind: 'volume',
  window: { from: '2026-03-01', to: '2026-03-31' },
  sourceLineIds: [],
  quantity: '0',
  revenue: '0',
  unroundedAmount: '0',
  roundedAmount: '0',
  rounding: { mode: 'half-even', decimals: 2, allocation: 'largest-remainder' },
  components: [],
};

function entry(dims: AccrualDimensions, amount: string): AccrualEntry {
  return { ...dims, key: accrualKey(dims), programVersion: 1, amount, trace };
}

const run = {
  runId: 'RUN-7',
  postedOn: '2026-03-05',
  scopes: [
    { programId: 'PRG-1', period: '2026-02', to: '2026-02-28' },
    { programId: 'PRG-1', period: '2026-03', to: '2026-03-31' },
  ],
};

describe('postingsFromDeltas', () => {
  it('posts new entries as accruals and restatements and withdrawals as true-ups', () => {
    const recomputed = [
      entry(dimensions({ sku: 'NEW' }), '5.00'),
      entry(dimensions({ sku: 'MORE', period: '2026-02' }), '12.00'),
    ];
    const posted = [
      { ...dimensions({ sku: 'MORE', period: '2026-02' }), amount: '10.00' },
      { ...dimensions({ sku: 'GONE' }), amount: '3.00' },
    ];

    const postings = postingsFromDeltas(run, diffAgainstPosted(recomputed, posted));

    // In accrual-key order: the period comes before the SKU in the key.
    expect(postings.map((item) => [item.kind, item.sku, item.amount, item.priorPeriod, item.reason])).toEqual(
      [
        ['trueUp', 'MORE', '2.00', true, 'restated from 10.00 to 12.00'],
        ['trueUp', 'GONE', '-3.00', false, 'withdrawn: 3.00 no longer computed'],
        ['accrual', 'NEW', '5.00', false, 'new accrual'],
      ],
    );
    for (const item of postings) {
      expect(ledgerPostingSchema.parse(item)).toEqual(item);
      expect(item).toMatchObject({ runId: 'RUN-7', postedOn: '2026-03-05' });
      expect(item.postingId).toBe(`RUN-7#PRG-1#${item.period}#${fnv1a64(item.accrualKey)}`);
    }
  });

  it('refuses a delta outside the run scopes and two deltas for one key', () => {
    const [delta] = diffAgainstPosted([entry(dimensions({ period: '2026-01' }), '1.00')], []);
    if (delta === undefined) throw new Error('expected a delta');

    expect(() => postingsFromDeltas(run, [delta])).toThrow(BusinessRuleError);
    expect(() =>
      postingsFromDeltas(run, [
        { ...delta, period: '2026-03' },
        { ...delta, period: '2026-03' },
      ]),
    ).toThrow(/two deltas for posting id/);
  });

  it('hands diffAgainstPosted only the run postings', () => {
    const postings = [posting('accrual'), posting('trueUp'), posting('adjustment'), posting('claim')];

    expect(postedAccrualsOf(postings).map((item) => item.kind)).toEqual(['accrual', 'trueUp']);
  });

  const keyArbitrary = fc.record({
    sku: fc.constantFrom('S1', 'S2', 'S3'),
    period: fc.constantFrom('2026-02', '2026-03'),
    currency: fc.constantFrom('USD' as const, 'JPY' as const),
  });
  const amountArbitrary = fc.bigInt({ min: -100_000n, max: 100_000n });
  const ledgerArbitrary = fc.record({
    recomputed: fc.uniqueArray(fc.tuple(keyArbitrary, amountArbitrary), {
      maxLength: 12,
      selector: ([key]) => accrualKey(dimensions(key)),
    }),
    posted: fc.array(fc.tuple(keyArbitrary, amountArbitrary), { maxLength: 12 }),
  });

  it('property: postings sum per key to recomputed − previously posted, and a rerun posts nothing', () => {
    fc.assert(
      fc.property(ledgerArbitrary, fc.boolean(), ({ recomputed, posted }, reverse) => {
        const entries = recomputed.map(([key, value]) =>
          entry(dimensions(key), fromMinorUnits(value, key.currency)),
        );
        const before: PostedAccrual[] = posted.map(([key, value]) => ({
          ...dimensions(key),
          amount: fromMinorUnits(value, key.currency),
        }));
        const deltas = diffAgainstPosted(entries, before);

        const postings = postingsFromDeltas(run, reverse ? [...deltas].reverse() : deltas);

        const net = new Map<string, bigint>();
        const add = (item: PostedAccrual, sign: bigint) => {
          const key = accrualKey(item);
          net.set(key, (net.get(key) ?? 0n) + sign * toMinorUnits(item.amount, item.currency));
        };
        for (const item of entries) add(item, 1n);
        for (const item of before) add(item, -1n);
        for (const item of postings) add(item, -1n);
        expect([...net.values()].every((value) => value === 0n)).toBe(true);
        expect(postingsFromDeltas(run, deltas)).toEqual(postings);
        // One call per period, as a workflow posting period by period makes, gives the same postings.
        const perPeriod = run.scopes.flatMap((scope) =>
          postingsFromDeltas(
            { ...run, scopes: [scope] },
            deltas.filter((delta) => delta.period === scope.period),
          ),
        );
        expect(perPeriod).toEqual(postings);
        expect(new Set(postings.map((item) => item.postingId)).size).toBe(postings.length);
        expect(diffAgainstPosted(entries, [...before, ...postedAccrualsOf(postings)])).toEqual([]);
      }),
    );
  });
});
