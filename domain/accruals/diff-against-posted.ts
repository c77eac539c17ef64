import { currencyMinorUnits } from '../shared/money/money';
import { formatScaled, parseScaled } from '../shared/money/scaled-integer';
import {
  type AccrualAmount,
  type AccrualDimensions,
  type AccrualTrace,
  accrualKey,
  type PostedAccrual,
} from './accrual-entry';

/**
 * A posting a run proposes: the difference between what it computed and what is already posted under the
 * same key. `reason`: `new` (nothing posted yet), `restated` (posted, now a different amount: a true-up for a
 * crossed tier, late or corrected lines) or `withdrawn` (posted, no longer computed: a full reversal).
 */
export interface AccrualDelta extends AccrualDimensions {
  readonly key: string;
  readonly amount: string;
  readonly previouslyPosted: string;
  readonly recomputed: string;
  readonly reason: 'new' | 'restated' | 'withdrawn';
  /** The recomputed entry's trace when it was computed with one; null for a withdrawal. */
  readonly trace: AccrualTrace | null;
}

/** Limits which posted entries a diff may reverse: only those of program periods the run recomputed. */
export interface DiffScope {
  readonly programId: string;
  readonly period: string;
}

/**
 * The true-up postings that bring the ledger from `posted` to `recomputed`. Posted entries are never edited:
 * several postings under one key (the original and earlier true-ups) are summed, and only the difference is
 * proposed. Keys equal and amounts equal give nothing, so running the same input twice posts nothing the
 * second time. When `scopes` is given, posted entries outside them are left alone (the run did not look at
 * their periods); without it the caller must pass only the posted entries of the run's scopes.
 */
export function diffAgainstPosted(
  recomputed: readonly (AccrualAmount & { readonly trace?: AccrualTrace })[],
  posted: readonly PostedAccrual[],
  scopes?: readonly DiffScope[],
): AccrualDelta[] {
  const inScope =
    scopes === undefined
      ? () => true
      : (() => {
          const keys = new Set(scopes.map((scope) => `${scope.programId}\u001f${scope.period}`));
          return (entry: PostedAccrual) => keys.has(`${entry.programId}\u001f${entry.period}`);
        })();
  const postedByKey = new Map<string, { dimensions: AccrualDimensions; amount: bigint }>();
  for (const entry of posted) {
    if (!inScope(entry)) continue;
    const key = accrualKey(entry);
    const amount = parseScaled(entry.amount, currencyMinorUnits[entry.currency]);
    const existing = postedByKey.get(key);
    if (existing === undefined) postedByKey.set(key, { dimensions: entry, amount });
    else existing.amount += amount;
  }
  const deltas: AccrualDelta[] = [];
  const seen = new Set<string>();
  for (const entry of recomputed) {
    seen.add(entry.key);
    const minorUnits = currencyMinorUnits[entry.currency];
    const now = parseScaled(entry.amount, minorUnits);
    const before = postedByKey.get(entry.key);
    const was = before?.amount ?? 0n;
    if (now === was) continue;
    deltas.push({
      ...dimensionsOf(entry),
      key: entry.key,
      amount: formatScaled(now - was, minorUnits, minorUnits),
      previouslyPosted: formatScaled(was, minorUnits, minorUnits),
      recomputed: entry.amount,
      reason: before === undefined ? 'new' : 'restated',
      trace: entry.trace ?? null,
    });
  }
  for (const [key, before] of postedByKey) {
    if (seen.has(key) || before.amount === 0n) continue;
    const minorUnits = currencyMinorUnits[before.dimensions.currency];
    deltas.push({
      ...dimensionsOf(before.dimensions),
      key,
      amount: formatScaled(-before.amount, minorUnits, minorUnits),
      previouslyPosted: formatScaled(before.amount, minorUnits, minorUnits),
      recomputed: formatScaled(0n, minorUnits, minorUnits),
      reason: 'withdrawn',
      trace: null,
    });
  }
  return deltas.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function dimensionsOf(entry: AccrualDimensions): AccrualDimensions {
  return {
    programId: entry.programId,
    period: entry.period,
    fund: entry.fund,
    beneficiaryPartnerId: entry.beneficiaryPartnerId,
    partnerId: entry.partnerId,
    endCustomerId: entry.endCustomerId,
    billTo: entry.billTo,
    sku: entry.sku,
    uom: entry.uom,
    currency: entry.currency,
    salesperson: entry.salesperson,
  };
}
