import { type CheckbookSums, checkbookColumnOf, zeroCheckbookSums } from '../ledger/checkbook';
import type { LedgerPosting } from '../ledger/ledger-posting';
import { toMinorUnits } from '../shared/money/minor-units';
import type { CurrencyCode } from '../shared/money/money';
import { entryOf } from './report-figures';

/** The grain of the liabilities report: one program period of one beneficiary in one currency. */
export interface LiabilityGrain {
  readonly programId: string;
  /** The beneficiary partner. */
  readonly partnerId: string;
  /** A program period label, e.g. `2026-Q1`. */
  readonly period: string;
  readonly currency: CurrencyCode;
}

/**
 * The checkbook's columns of one grain, every fund together, in the currency's minor units: what the ledger
 * keeps up to date with every posting it writes, so that the report reads these instead of the postings.
 */
export interface LiabilitySummary extends LiabilityGrain {
  readonly sums: CheckbookSums;
}

/**
 * Postings summed at the liabilities grain, each into its checkbook column (`checkbookColumnOf`, as
 * `buildCheckbooks` sums them): what a ledger write adds to the summaries, and the summaries of a whole
 * ledger when given every posting. One summary per grain touched, even where its sums net to zero.
 */
export function liabilitySummariesOf(postings: readonly LedgerPosting[]): LiabilitySummary[] {
  const summaries = new Map<string, { grain: LiabilityGrain; sums: CheckbookSums }>();
  for (const posting of postings) {
    const grain = liabilityGrainOf(posting);
    const summary = entryOf(summaries, liabilityGrainKey(grain), () => ({
      grain,
      sums: zeroCheckbookSums(),
    }));
    summary.sums[checkbookColumnOf[posting.kind]] += toMinorUnits(posting.amount, posting.currency);
  }
  return [...summaries.values()].map(({ grain, sums }) => ({ ...grain, sums }));
}

/** The grain a posting counts in: its program period, beneficiary and currency. */
export const liabilityGrainOf = (posting: LedgerPosting): LiabilityGrain => ({
  programId: posting.programId,
  partnerId: posting.beneficiaryPartnerId,
  period: posting.period,
  currency: posting.currency,
});

/** A grain as one text, ordered by program, partner, period and currency. */
export const liabilityGrainKey = (grain: LiabilityGrain) =>
  [grain.programId, grain.partnerId, grain.period, grain.currency].join('\u001f');
