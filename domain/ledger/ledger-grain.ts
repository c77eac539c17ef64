import { type AccrualAmount, type AccrualDimensions, accrualKey } from '../accruals/accrual-entry';
import { currencyMinorUnits } from '../shared/money/money';
import { formatScaled, parseScaled } from '../shared/money/scaled-integer';
import type { RunPosting } from './ledger-posting';

/**
 * The grain a run posts at: what the checkbook (per beneficiary and fund) and the GL journal (per program,
 * period, fund, currency; the business unit comes from the program) need, plus the partner whose sales
 * earned it (partners see postings they earned or generated) and the salesperson a SPIF pays. Customer,
 * bill-to, item and unit stay in the run's entries, rebuilt from its snapshot by explain and replay: one
 * posting per (program, period, fund, beneficiary, partner, salesperson, currency) instead of one per entry.
 */
export function ledgerGrainOf(dimensions: AccrualDimensions): AccrualDimensions {
  return {
    programId: dimensions.programId,
    period: dimensions.period,
    fund: dimensions.fund,
    beneficiaryPartnerId: dimensions.beneficiaryPartnerId,
    partnerId: dimensions.partnerId,
    endCustomerId: null,
    billTo: null,
    sku: null,
    uom: null,
    currency: dimensions.currency,
    salesperson: dimensions.salesperson,
  };
}

/**
 * A program period's entries summed at the ledger grain, exactly (scaled integers in the currency's minor
 * units), sorted by key. A grain whose entries cancel out keeps its zero, so a diff withdraws what it posted.
 */
export function entriesAtLedgerGrain(entries: readonly AccrualAmount[]): AccrualAmount[] {
  const sums = new Map<string, { grain: AccrualDimensions; programVersion: number; amount: bigint }>();
  for (const entry of entries) {
    const grain = ledgerGrainOf(entry);
    const key = accrualKey(grain);
    const amount = parseScaled(entry.amount, currencyMinorUnits[entry.currency]);
    const sum = sums.get(key);
    if (sum === undefined) sums.set(key, { grain, programVersion: entry.programVersion, amount });
    else sum.amount += amount;
  }
  return [...sums]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, { grain, programVersion, amount }]) => {
      const minorUnits = currencyMinorUnits[grain.currency];
      return { ...grain, key, programVersion, amount: formatScaled(amount, minorUnits, minorUnits) };
    });
}

/**
 * Posted run postings seen at the ledger grain. Postings made before the grain existed carry every entry
 * dimension; seen at the grain they sum into the grain's key, so the first run at the grain posts only the
 * difference instead of reversing each old posting and posting the total again.
 */
export function postedAtLedgerGrain(
  postings: readonly RunPosting[],
): (AccrualDimensions & { amount: string })[] {
  return postings.map((posting) => ({ ...ledgerGrainOf(posting), amount: posting.amount }));
}
