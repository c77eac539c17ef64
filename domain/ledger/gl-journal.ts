import type { AccrualFund } from '../accruals/accrual-entry';
import { BusinessRuleError, type FieldIssue } from '../shared/errors';
import type { IsoDate } from '../shared/iso-date';
import { fromMinorUnits, isLedgerAmount, toMinorUnits } from '../shared/money/minor-units';
import type { CurrencyCode } from '../shared/money/money';
import { type ChartOfAccounts, defaultChartOfAccounts, type GlAccount } from './chart-of-accounts';
import type { LedgerPosting, LedgerPostingKind } from './ledger-posting';

/**
 * One line of a double-entry journal entry. `debit` and `credit` are non-negative amounts with the
 * currency's minor units, exactly one of them nonzero.
 */
export interface JournalLine {
  readonly journalId: string;
  readonly lineNumber: number;
  readonly postingId: string;
  readonly kind: LedgerPostingKind;
  readonly postedOn: IsoDate;
  readonly period: string;
  readonly fund: AccrualFund;
  readonly account: string;
  readonly accountName: string;
  readonly debit: string;
  readonly credit: string;
  readonly currency: CurrencyCode;
  readonly programId: string;
  /** The funding business unit, empty when the program names none. */
  readonly businessUnit: string;
  readonly beneficiaryPartnerId: string;
  readonly partnerId: string;
  readonly memo: string;
}

/** Debit and credit totals of one currency. */
export interface CurrencyTotals {
  readonly currency: CurrencyCode;
  readonly debit: string;
  readonly credit: string;
}

/** The accounts a positive amount of this posting debits and credits. */
function accountsOf(posting: LedgerPosting, chart: ChartOfAccounts): readonly [GlAccount, GlAccount] {
  const fund = chart.funds[posting.fund];
  switch (posting.kind) {
    case 'accrual':
    case 'trueUp':
    case 'adjustment':
      return [fund.expense, fund.accruedLiability];
    case 'claim':
      return [fund.accruedLiability, chart.accountsPayable];
    case 'payment':
      return [
        chart.accountsPayable,
        posting.settledAgainst === 'receivable' ? chart.accountsReceivable : chart.cash,
      ];
  }
}

function memoOf(posting: LedgerPosting): string {
  switch (posting.kind) {
    case 'accrual':
      return `Accrual, run ${posting.runId}${posting.priorPeriod ? ' (prior period)' : ''}: ${posting.reason}`;
    case 'trueUp':
      return `True-up, run ${posting.runId}${posting.priorPeriod ? ' (prior period)' : ''}: ${posting.reason}`;
    case 'adjustment':
      return `Manual adjustment ${posting.adjustmentId}: ${posting.reason}`;
    case 'claim':
      return `Claim ${posting.claimId}: ${posting.reason}`;
    case 'payment':
      return `Payment ${posting.paymentId}: ${posting.reason}`;
  }
}

/**
 * One balanced two-line journal entry per posting, journal id `JE-<postingId>`:
 * accrual, trueUp, adjustment: Dr fund expense, Cr fund accrued liability;
 * claim: Dr fund accrued liability, Cr accounts payable; payment: Dr accounts payable, Cr cash (Cr accounts
 * receivable when settled against the partner's receivable).
 * A negative amount (a reversal) swaps the sides, so no line carries a negative amount.
 */
export function journalFor(
  postings: readonly LedgerPosting[],
  chart: ChartOfAccounts = defaultChartOfAccounts,
): JournalLine[] {
  return postings.flatMap((posting) => {
    const [debited, credited] = accountsOf(posting, chart);
    const amount = toMinorUnits(posting.amount, posting.currency);
    const size = fromMinorUnits(amount < 0n ? -amount : amount, posting.currency);
    const zero = fromMinorUnits(0n, posting.currency);
    const [debitAccount, creditAccount] = amount < 0n ? [credited, debited] : [debited, credited];
    const common = {
      journalId: `JE-${posting.postingId}`,
      postingId: posting.postingId,
      kind: posting.kind,
      postedOn: posting.postedOn,
      period: posting.period,
      fund: posting.fund,
      currency: posting.currency,
      programId: posting.programId,
      businessUnit: posting.businessUnit ?? '',
      beneficiaryPartnerId: posting.beneficiaryPartnerId,
      partnerId: posting.partnerId,
      memo: memoOf(posting),
    };
    return [
      {
        ...common,
        lineNumber: 1,
        account: debitAccount.code,
        accountName: debitAccount.name,
        debit: size,
        credit: zero,
      },
      {
        ...common,
        lineNumber: 2,
        account: creditAccount.code,
        accountName: creditAccount.name,
        debit: zero,
        credit: size,
      },
    ];
  });
}

/** Debit and credit totals per currency, sorted by currency; currencies are never added together. */
export function journalTotals(lines: readonly JournalLine[]): CurrencyTotals[] {
  const sums = new Map<CurrencyCode, { debit: bigint; credit: bigint }>();
  for (const line of lines) {
    const sum = sums.get(line.currency) ?? { debit: 0n, credit: 0n };
    sum.debit += toMinorUnits(line.debit, line.currency);
    sum.credit += toMinorUnits(line.credit, line.currency);
    sums.set(line.currency, sum);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([currency, sum]) => ({
      currency,
      debit: fromMinorUnits(sum.debit, currency),
      credit: fromMinorUnits(sum.credit, currency),
    }));
}

function lineIssue(line: JournalLine, index: number): FieldIssue | undefined {
  const valid = (text: string) => isLedgerAmount(text, line.currency) && !text.startsWith('-');
  if (!valid(line.debit) || !valid(line.credit)) {
    return {
      path: `lines.${index}`,
      message: `debit and credit must be non-negative ${line.currency} amounts`,
    };
  }
  const debit = toMinorUnits(line.debit, line.currency);
  const credit = toMinorUnits(line.credit, line.currency);
  if ((debit === 0n) === (credit === 0n)) {
    return { path: `lines.${index}`, message: 'exactly one of debit and credit must be nonzero' };
  }
  return undefined;
}

/**
 * Refuses a journal that cannot be committed: a line with a negative amount or not exactly one side
 * nonzero, or an entry (journal id) whose debits differ from its credits in some currency. Balanced
 * entries make every currency's total balance too. Throws BusinessRuleError listing every problem.
 */
export function assertJournalBalanced(lines: readonly JournalLine[]): void {
  const issues: FieldIssue[] = [];
  const entries = new Map<string, JournalLine[]>();
  lines.forEach((line, index) => {
    const issue = lineIssue(line, index);
    if (issue !== undefined) issues.push(issue);
    const key = `${line.journalId}\u001f${line.currency}`;
    const entry = entries.get(key);
    if (entry === undefined) entries.set(key, [line]);
    else entry.push(line);
  });
  if (issues.length === 0) {
    for (const entryLines of entries.values()) {
      const [totals] = journalTotals(entryLines);
      if (totals !== undefined && totals.debit !== totals.credit) {
        issues.push({
          path: 'journalId',
          message: `entry ${entryLines[0]?.journalId}: debits ${totals.debit} ≠ credits ${totals.credit} ${totals.currency}`,
        });
      }
    }
  }
  if (issues.length > 0) {
    throw new BusinessRuleError('The journal does not balance', issues);
  }
}
