import { measurementWindows, type RunPeriod } from '../accruals/measurement-window';
import type { SaleLine } from '../accruals/sale-line';
import type { RebateProgram } from '../programs/program';
import type { IsoDate } from '../shared/iso-date';
import { partnerMonthOfLine } from './line-state';

/** A stored, normalized sale line as the channel-data store keeps it (the fields a run reads). */
export interface ChannelSaleLine {
  readonly partnerId: string;
  readonly invoiceNumber: string;
  readonly invoiceLine: string;
  readonly invoiceDate: string;
  readonly shipDate?: string;
  readonly orderDate?: string;
  readonly sku: string;
  readonly category: string;
  readonly quantity: string;
  readonly uom: string;
  readonly extendedAmount: string;
  readonly currency: string;
  readonly endCustomerId?: string;
  readonly billTo?: string;
  readonly shipTo?: string;
  readonly orderType?: string;
  readonly salesperson?: string;
  readonly warehouse?: string;
  readonly custom?: Readonly<Record<string, string>>;
  /** The file and line the stored version came from (a restatement: the later file's). */
  readonly sourceFileId?: string;
  readonly sourceLineNumber?: number;
}

/** A line a run could not read, and why; it is counted in the run summary, never silently dropped. */
export interface UnreadableLine {
  readonly lineId: string;
  readonly reason: string;
  /** Its partner and invoice month, so that a run reusing that partner-month shows it again. */
  readonly partnerId: string;
  readonly month: string;
}

// The engine carries at most 9 integer digits and 6 decimals exactly (see SaleLine).
const engineDecimal = /^-?\d{1,9}(\.\d{1,6})?$/;

/** The natural key of a sale line (partner, invoice, line): stable across restatements. */
export const saleLineId = (line: Pick<ChannelSaleLine, 'partnerId' | 'invoiceNumber' | 'invoiceLine'>) =>
  `${line.partnerId}/${line.invoiceNumber}/${line.invoiceLine}`;

/**
 * A stored channel line as the accrual engine reads it. Absent ship and order dates fall back to the invoice
 * date (a program dated by them then still sees the line); absent parties are empty, which matches only
 * "all". A quantity or amount beyond the engine's exact range is unreadable rather than rounded.
 */
export function toSaleLine(line: ChannelSaleLine): SaleLine | UnreadableLine {
  const lineId = saleLineId(line);
  const unreadable = (reason: string): UnreadableLine => ({ lineId, reason, ...partnerMonthOfLine(line) });
  if (!engineDecimal.test(line.quantity)) return unreadable(`quantity ${line.quantity} out of range`);
  if (!engineDecimal.test(line.extendedAmount)) {
    return unreadable(`extended amount ${line.extendedAmount} out of range`);
  }
  return {
    lineId,
    partnerId: line.partnerId,
    invoiceDate: line.invoiceDate,
    shipDate: line.shipDate ?? line.invoiceDate,
    orderDate: line.orderDate ?? line.invoiceDate,
    sku: line.sku,
    category: line.category,
    uom: line.uom,
    quantityBase: line.quantity,
    extendedAmount: line.extendedAmount,
    currency: line.currency as SaleLine['currency'],
    endCustomerId: line.endCustomerId ?? '',
    billTo: line.billTo ?? '',
    shipTo: line.shipTo ?? '',
    orderType: line.orderType ?? '',
    salesperson: line.salesperson ?? '',
    warehouse: line.warehouse ?? '',
    attributes: { ...line.custom },
    ...(line.sourceFileId === undefined ? {} : { sourceFileId: line.sourceFileId }),
    ...(line.sourceLineNumber === undefined ? {} : { sourceLineNumber: line.sourceLineNumber }),
  };
}

/**
 * The invoice-date months a run must read: every measurement window of every program, and the prior-year
 * baseline of growth programs. Lines are stored by invoice month; ship and order dates are within a few
 * weeks of it, so one month of margin each side covers programs dated by them.
 */
export function monthsToRead(programs: readonly RebateProgram[], period: RunPeriod): string[] {
  let from: IsoDate | undefined;
  let to: IsoDate | undefined;
  const widen = (window: { readonly from: IsoDate; readonly to: IsoDate }) => {
    if (window.from > window.to) return;
    if (from === undefined || window.from < from) from = window.from;
    if (to === undefined || window.to > to) to = window.to;
  };
  for (const program of programs) {
    const growth = program.terms.kind === 'growth';
    for (const window of measurementWindows(program, period)) {
      widen(window);
      if (growth) widen(window.baseline);
    }
  }
  if (from === undefined || to === undefined) return [];
  return monthRange(shiftMonth(from.slice(0, 7), -1), shiftMonth(to.slice(0, 7), 1));
}

function shiftMonth(month: string, by: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + by;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

function monthRange(first: string, last: string): string[] {
  const months: string[] = [];
  for (let month = first; month <= last; month = shiftMonth(month, 1)) months.push(month);
  return months;
}
