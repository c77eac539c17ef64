import type { ProgramKind } from '../programs/program-terms';
import type { RateType, VolumeBasis } from '../programs/rates';
import type { CurrencyCode } from '../shared/money/money';

/** Where an accrual goes: the rebate liability, the partner's co-op fund, or salesperson incentives. */
export type AccrualFund = 'rebate' | 'coop' | 'spif';

/**
 * The dimensions an accrual is aggregated by. `period` is the program period label (`2026-03`, `FY2026-Q1`,
 * `FY2026`). A dimension that does not apply (no item on a lump sum, no salesperson outside a SPIF) is null.
 */
export interface AccrualDimensions {
  readonly programId: string;
  readonly period: string;
  readonly fund: AccrualFund;
  readonly beneficiaryPartnerId: string;
  readonly partnerId: string;
  readonly endCustomerId: string | null;
  readonly billTo: string | null;
  readonly sku: string | null;
  readonly uom: string | null;
  readonly currency: CurrencyCode;
  readonly salesperson: string | null;
}

/** A stepped band in a trace: the volume inside `[from, to)` and what it earned, as decimal strings. */
export interface BandTrace {
  readonly tierIndex: number;
  readonly from: string;
  readonly to: string | null;
  readonly volume: string;
  readonly rate: string;
  readonly amount: string;
}

/** Growth figures behind a growth rebate's tier. */
export interface GrowthTrace {
  readonly measure: 'absolute' | 'percent';
  readonly baselineVolume: string;
  /** Volume difference, or percentage (6 decimals, half-even) when the measure is percent; null without a baseline. */
  readonly growth: string | null;
  readonly baselineLineIds: readonly string[];
}

/**
 * How one rating pool (the volume that reaches a tier: a partner's or customer's period, or a single line)
 * contributed to an entry. Amounts are decimal strings; unrounded amounts are exact to 1e-14.
 */
export interface TraceComponent {
  /** Which volume decided the tier, e.g. `partner P1` or `line L9`. */
  readonly pool: string;
  readonly method: 'retrospective' | 'stepped' | 'flat' | 'fixed';
  readonly tierBasis: VolumeBasis | null;
  readonly poolVolume: string | null;
  readonly startingTier: number | null;
  readonly tierReached: { readonly index: number; readonly from: string; readonly rate: string } | null;
  readonly rateType: RateType | 'fixedAmount';
  /** The rate applied to this entry; null for stepped (see `bands`). Percentages as given, e.g. "2.5". */
  readonly rate: string | null;
  readonly bands: readonly BandTrace[] | null;
  readonly growth: GrowthTrace | null;
  /** The pool's unrounded and rounded totals; the pool total is rounded once and spread by largest remainder. */
  readonly poolUnroundedAmount: string;
  readonly poolRoundedAmount: string;
  /** This entry's share: the basis the rate multiplied (quantity or revenue) and the resulting amounts. */
  readonly ratedBasis: string;
  readonly unroundedAmount: string;
  readonly roundedAmount: string;
  readonly sourceLineIds: readonly string[];
}

/** The full explanation of an entry's amount: its components add up to it, unrounded and rounded. */
export interface AccrualTrace {
  readonly programVersion: number;
  readonly programKind: ProgramKind;
  readonly window: { readonly from: string; readonly to: string };
  readonly sourceLineIds: readonly string[];
  readonly quantity: string;
  readonly revenue: string;
  readonly unroundedAmount: string;
  readonly roundedAmount: string;
  readonly rounding: {
    readonly mode: 'half-even';
    readonly decimals: number;
    readonly allocation: 'largest-remainder';
  };
  readonly components: readonly TraceComponent[];
}

/** One computed accrual without its trace: dimensions and the rounded amount in the currency's minor units. */
export interface AccrualAmount extends AccrualDimensions {
  readonly key: string;
  readonly programVersion: number;
  readonly amount: string;
}

/** One computed accrual with its trace. */
export interface AccrualEntry extends AccrualAmount {
  readonly trace: AccrualTrace;
}

/** An entry already posted to the ledger, as `diffAgainstPosted` needs it. */
export type PostedAccrual = AccrualDimensions & { readonly amount: string };

/** The stable identity of an accrual across runs: every dimension, not the program version. */
export function accrualKey(dimensions: AccrualDimensions): string {
  return [
    dimensions.programId,
    dimensions.period,
    dimensions.fund,
    dimensions.beneficiaryPartnerId,
    dimensions.partnerId,
    dimensions.endCustomerId ?? '',
    dimensions.billTo ?? '',
    dimensions.sku ?? '',
    dimensions.uom ?? '',
    dimensions.currency,
    dimensions.salesperson ?? '',
  ].join('\u001f');
}
