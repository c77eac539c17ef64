import {
  type CheckbookFigures,
  type CheckbookSums,
  checkbookFigures,
  zeroCheckbookSums,
} from '../ledger/checkbook';
import type { CurrencyCode } from '../shared/money/money';
import { type LiabilityGrain, type LiabilitySummary, liabilityGrainKey } from './liability-summary';
import { byText, entryOf } from './report-figures';

/** What a liabilities report may be narrowed to; an absent criterion matches everything. */
export interface LiabilityFilter {
  readonly programId?: string | undefined;
  /** The beneficiary partner. */
  readonly partnerId?: string | undefined;
  /** A program period label, e.g. `2026-Q1`. */
  readonly period?: string | undefined;
  readonly currency?: CurrencyCode | undefined;
}

/**
 * One program period of one beneficiary in one currency, every fund together, with the checkbook's figures:
 * `balance` (earned + adjustments − paid) is the open liability, made of `availableToClaim` (accrued, not
 * yet claimed) and `payable` (claimed, not yet paid).
 */
export interface LiabilityRow extends CheckbookFigures {
  readonly programId: string;
  readonly partnerId: string;
  readonly period: string;
  readonly currency: CurrencyCode;
}

export interface LiabilitiesReport {
  /** Sorted by program, partner, period, currency. */
  readonly rows: readonly LiabilityRow[];
  /** The rows summed per program and currency (the dashboard's chart). */
  readonly byProgram: readonly (CheckbookFigures & { programId: string; currency: CurrencyCode })[];
  /** The rows summed per currency: amounts in different currencies are never added. */
  readonly totals: readonly (CheckbookFigures & { currency: CurrencyCode })[];
}

const columns = ['earned', 'adjustments', 'claimed', 'paid'] as const;

interface Group<T> {
  readonly head: T;
  readonly sums: CheckbookSums;
}

function addSums(sums: CheckbookSums, more: CheckbookSums): void {
  for (const column of columns) sums[column] += more[column];
}

/**
 * Summaries of the same grain added together (a store may keep one grain's sums in several parts), one per
 * grain, ordered by program, partner, period and currency.
 */
export function addedByGrain(summaries: readonly LiabilitySummary[]): LiabilitySummary[] {
  const grains = new Map<string, Group<LiabilityGrain>>();
  for (const { sums, ...grain } of summaries) {
    addSums(
      entryOf(grains, liabilityGrainKey(grain), () => ({ head: grain, sums: zeroCheckbookSums() })).sums,
      sums,
    );
  }
  return [...grains.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(([, { head, sums }]) => ({ ...head, sums }));
}

function summed<T extends { currency: CurrencyCode }>(groups: Map<string, Group<T>>) {
  return [...groups.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(([, { head, sums }]) => ({ ...head, ...checkbookFigures(sums, head.currency) }));
}

/**
 * The liabilities report of the ledger's liability summaries (one per program × beneficiary × program
 * period × currency, every fund together: see `liabilitySummariesOf`), filtered, sorted, with totals per
 * program and per currency. The figures are the checkbook's (`checkbookFigures`), exactly in minor units.
 */
export function liabilitiesOf(
  summaries: readonly LiabilitySummary[],
  filter: LiabilityFilter,
): LiabilitiesReport {
  const rows = new Map<string, Group<Omit<LiabilityRow, keyof CheckbookFigures>>>();
  const programs = new Map<string, Group<{ programId: string; currency: CurrencyCode }>>();
  const totals = new Map<string, Group<{ currency: CurrencyCode }>>();
  for (const { sums, ...grain } of summaries) {
    const { programId, partnerId, period, currency } = grain;
    if (filter.programId !== undefined && programId !== filter.programId) continue;
    if (filter.partnerId !== undefined && partnerId !== filter.partnerId) continue;
    if (filter.period !== undefined && period !== filter.period) continue;
    if (filter.currency !== undefined && currency !== filter.currency) continue;
    const groups = [
      entryOf(rows, liabilityGrainKey(grain), () => ({ head: grain, sums: zeroCheckbookSums() })),
      entryOf(programs, `${programId}\u001f${currency}`, () => ({
        head: { programId, currency },
        sums: zeroCheckbookSums(),
      })),
      entryOf(totals, currency, () => ({ head: { currency }, sums: zeroCheckbookSums() })),
    ];
    for (const group of groups) addSums(group.sums, sums);
  }
  return { rows: summed(rows), byProgram: summed(programs), totals: summed(totals) };
}
