import type { Actor } from '../access/actor';
import type { AccrualEntry } from '../accruals/accrual-entry';
import { Money } from '../shared/money/money';

/**
 * What a beneficiary that did not sell sees of the accruals another partner's sales earned it: one total per
 * program period, fund, selling partner and product, with the volume behind it. No end customer, bill-to,
 * salesperson, invoice, line id or per-line revenue of the selling partner: those are its business secrets.
 */
export interface BeneficiaryAccrualSummary {
  readonly view: 'beneficiary-aggregate';
  readonly programId: string;
  readonly programVersion: number;
  readonly period: string;
  readonly window: { readonly from: string; readonly to: string };
  readonly fund: AccrualEntry['fund'];
  readonly beneficiaryPartnerId: string;
  readonly partnerId: string;
  readonly sku: string | null;
  readonly uom: string | null;
  readonly currency: AccrualEntry['currency'];
  readonly amount: string;
  readonly quantity: string;
  readonly revenue: string;
  /** How many entries (one per end customer, bill-to or salesperson) the total adds up. */
  readonly entryCount: number;
}

export type VisibleAccrualEntry = AccrualEntry | BeneficiaryAccrualSummary;

const add = (a: string, b: string) => new Money(a).plus(b).toFixed();

function summaryOf(entry: AccrualEntry): BeneficiaryAccrualSummary {
  return {
    view: 'beneficiary-aggregate',
    programId: entry.programId,
    programVersion: entry.programVersion,
    period: entry.period,
    window: entry.trace.window,
    fund: entry.fund,
    beneficiaryPartnerId: entry.beneficiaryPartnerId,
    partnerId: entry.partnerId,
    sku: entry.sku,
    uom: entry.uom,
    currency: entry.currency,
    amount: entry.amount,
    quantity: entry.trace.quantity,
    revenue: entry.trace.revenue,
    entryCount: 1,
  };
}

/**
 * A run's entries as `actor` may see them. Staff and the selling partner see every entry with its full
 * trace; a partner that only benefits from another partner's sales sees them summed per program, period,
 * fund, selling partner, product, unit and currency (exact decimal sums, in the entries' order).
 */
export function accrualEntriesVisibleTo(
  actor: Actor,
  entries: readonly AccrualEntry[],
): VisibleAccrualEntry[] {
  if (actor.role !== 'partner') return [...entries];
  const visible: VisibleAccrualEntry[] = [];
  const summaries = new Map<string, number>();
  for (const entry of entries) {
    if (entry.partnerId === actor.partnerId) {
      visible.push(entry);
      continue;
    }
    if (entry.beneficiaryPartnerId !== actor.partnerId) continue;
    const group = JSON.stringify([
      entry.programId,
      entry.period,
      entry.fund,
      entry.partnerId,
      entry.sku,
      entry.uom,
      entry.currency,
    ]);
    const at = summaries.get(group);
    const summary = at === undefined ? undefined : (visible[at] as BeneficiaryAccrualSummary);
    if (summary === undefined || at === undefined) {
      summaries.set(group, visible.length);
      visible.push(summaryOf(entry));
      continue;
    }
    visible[at] = {
      ...summary,
      amount: add(summary.amount, entry.amount),
      quantity: add(summary.quantity, entry.trace.quantity),
      revenue: add(summary.revenue, entry.trace.revenue),
      entryCount: summary.entryCount + 1,
    };
  }
  return visible;
}
