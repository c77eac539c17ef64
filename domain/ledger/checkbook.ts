import type { AccrualFund } from '../accruals/accrual-entry';
import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';
import type { CurrencyCode } from '../shared/money/money';
import type { LedgerPosting, LedgerPostingKind } from './ledger-posting';

/**
 * What a beneficiary has earned, claimed and been paid. Every figure is a signed amount with the currency's
 * minor units and sums postings exactly (integers of the minor unit), so postings in different currencies
 * are never added together.
 */
export interface CheckbookFigures {
  /** Σ `accrual` + `trueUp` postings: what the program earned the beneficiary, true-ups included. */
  readonly earned: string;
  /** Σ `adjustment` postings: approved manual increases and decreases of earned. */
  readonly adjustments: string;
  /** Σ `claim` postings: approved claims, net of claims cancelled after approval. */
  readonly claimed: string;
  /** Σ `payment` postings: money paid out, net of voided payments. */
  readonly paid: string;
  /** claimed − paid: approved claims not yet paid (accounts payable). */
  readonly payable: string;
  /** earned + adjustments − paid: the outstanding liability to the beneficiary (accrued + payable). */
  readonly balance: string;
  /**
   * earned + adjustments − claimed: what the beneficiary may still claim. Negative when a downward true-up
   * came after claims were approved (over-claimed).
   */
  readonly availableToClaim: string;
}

/** The checkbook figures of one program period. */
export interface CheckbookPeriod extends CheckbookFigures {
  readonly period: string;
}

/** A checkbook: one program's fund for one beneficiary in one currency, in total and per period. */
export interface Checkbook extends CheckbookFigures {
  readonly programId: string;
  readonly beneficiaryPartnerId: string;
  readonly fund: AccrualFund;
  readonly currency: CurrencyCode;
  /** Per program period, sorted by label; their figures add up to the checkbook's. */
  readonly periods: readonly CheckbookPeriod[];
}

/** A checkbook's columns in the currency's minor units. */
export type CheckbookSums = Record<'earned' | 'adjustments' | 'claimed' | 'paid', bigint>;

/** The checkbook column each kind of posting adds to (true-ups restate what was earned). */
export const checkbookColumnOf: Readonly<Record<LedgerPostingKind, keyof CheckbookSums>> = {
  accrual: 'earned',
  trueUp: 'earned',
  adjustment: 'adjustments',
  claim: 'claimed',
  payment: 'paid',
};

interface Accumulator {
  readonly posting: LedgerPosting;
  readonly total: CheckbookSums;
  readonly periods: Map<string, CheckbookSums>;
}

export function zeroCheckbookSums(): CheckbookSums {
  return { earned: 0n, adjustments: 0n, claimed: 0n, paid: 0n };
}

/** The figures of summed columns: payable, balance and what is available to claim derive from them. */
export function checkbookFigures(sums: CheckbookSums, currency: CurrencyCode): CheckbookFigures {
  const format = (value: bigint) => fromMinorUnits(value, currency);
  return {
    earned: format(sums.earned),
    adjustments: format(sums.adjustments),
    claimed: format(sums.claimed),
    paid: format(sums.paid),
    payable: format(sums.claimed - sums.paid),
    balance: format(sums.earned + sums.adjustments - sums.paid),
    availableToClaim: format(sums.earned + sums.adjustments - sums.claimed),
  };
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The checkbooks of a set of postings, one per (programId, beneficiaryPartnerId, fund, currency), sorted by
 * those fields. Pass only the postings wanted (e.g. one beneficiary's): every posting given is counted.
 */
export function buildCheckbooks(postings: readonly LedgerPosting[]): Checkbook[] {
  const books = new Map<string, Accumulator>();
  for (const posting of postings) {
    const key = [posting.programId, posting.beneficiaryPartnerId, posting.fund, posting.currency].join(
      '\u001f',
    );
    let book = books.get(key);
    if (book === undefined) {
      book = { posting, total: zeroCheckbookSums(), periods: new Map() };
      books.set(key, book);
    }
    let period = book.periods.get(posting.period);
    if (period === undefined) {
      period = zeroCheckbookSums();
      book.periods.set(posting.period, period);
    }
    const amount = toMinorUnits(posting.amount, posting.currency);
    const column = checkbookColumnOf[posting.kind];
    book.total[column] += amount;
    period[column] += amount;
  }
  return [...books.entries()]
    .sort(([a], [b]) => byText(a, b))
    .map(([, { posting, total, periods }]) => ({
      programId: posting.programId,
      beneficiaryPartnerId: posting.beneficiaryPartnerId,
      fund: posting.fund,
      currency: posting.currency,
      ...checkbookFigures(total, posting.currency),
      periods: [...periods.entries()]
        .sort(([a], [b]) => byText(a, b))
        .map(([period, sums]) => ({ period, ...checkbookFigures(sums, posting.currency) })),
    }));
}
