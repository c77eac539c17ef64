import type { Actor } from '../access/actor';
import { internalRoles } from '../access/actor';
import { requireRole } from '../access/policies';
import type { ChannelLineQueries } from '../channel-files/ports';
import { type PosSaleFact, posSaleFact, totalsPerCurrency } from '../channel-files/pos-sales';
import { allPages } from '../shared/all-pages';
import { NotFoundError, ValidationError } from '../shared/errors';
import type { IsoDate } from '../shared/iso-date';
import { Money } from '../shared/money/money';
import { addDays } from './fund';
import { type ActivityType, activityTypes, type FundRequest, type FundRequestStatus } from './fund-request';
import type { FundDeps } from './ports';

/** Requests whose activity the manufacturer funds: approved, in proof of performance, or settled. */
const fundedStatuses: readonly FundRequestStatus[] = ['approved', 'claimed', 'closed'];

type Amount = { readonly amount: string; readonly currency: string };

/** One activity type's return: the partner's POS sales on its activities' days against the same days a year before. */
export interface ActivityTypeRoi {
  readonly activityType: ActivityType;
  /** Funded activities of the type. */
  readonly activities: number;
  /** Distinct days the activities ran (overlapping activities count a day once). */
  readonly days: number;
  /** The approved amounts of those activities, per currency. */
  readonly funded: readonly Amount[];
  /** POS revenue invoiced on those days, per currency. */
  readonly sales: readonly Amount[];
  /** POS revenue invoiced on the same days a year earlier, per currency. */
  readonly salesYearBefore: readonly Amount[];
  /** sales − salesYearBefore, per currency. */
  readonly change: readonly Amount[];
}

export interface FundRoiReport {
  readonly partnerId: string;
  readonly items: readonly ActivityTypeRoi[];
}

/** The same calendar day a year earlier; 29 February falls on 28 February. */
export function sameDayYearBefore(day: IsoDate): IsoDate {
  const year = String(Number(day.slice(0, 4)) - 1).padStart(4, '0');
  const monthDay = day.slice(5) === '02-29' ? '02-28' : day.slice(5);
  return `${year}-${monthDay}`;
}

/** Every day from `from` through `to`. */
function daysOf(from: IsoDate, to: IsoDate): IsoDate[] {
  const days: IsoDate[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** The days each activity type's funded activities ran, and those days a year earlier. */
function activityDays(requests: readonly FundRequest[]) {
  const byType = new Map<ActivityType, { requests: FundRequest[]; days: Set<IsoDate> }>();
  for (const request of requests) {
    if (!fundedStatuses.includes(request.status)) continue;
    const entry = byType.get(request.activityType) ?? { requests: [], days: new Set<IsoDate>() };
    entry.requests.push(request);
    for (const day of daysOf(request.startDate, request.endDate)) entry.days.add(day);
    byType.set(request.activityType, entry);
  }
  return activityTypes.flatMap((activityType) => {
    const entry = byType.get(activityType);
    if (entry === undefined) return [];
    const priorDays = new Set([...entry.days].map(sameDayYearBefore));
    return [{ activityType, requests: entry.requests, days: entry.days, priorDays }];
  });
}

/** The months (YYYY-MM) whose sales an ROI report of these requests reads. */
export function roiMonths(requests: readonly FundRequest[]): string[] {
  const months = new Set<string>();
  for (const type of activityDays(requests)) {
    for (const day of [...type.days, ...type.priorDays]) months.add(day.slice(0, 7));
  }
  return [...months].sort();
}

/**
 * ROI per activity type: for each type with funded activities, the partner's POS revenue invoiced on the
 * days its activities ran against the same days a year earlier, per currency, exactly. A day two activities
 * of one type share counts once, so overlapping activities do not count one sale twice.
 */
export function roiByActivityType(
  requests: readonly FundRequest[],
  sales: readonly PosSaleFact[],
): ActivityTypeRoi[] {
  return activityDays(requests).map(({ activityType, requests: funded, days, priorDays }) => {
    const current = sales.filter((sale) => days.has(sale.invoiceDate)).map((sale) => sale.amount);
    const prior = sales.filter((sale) => priorDays.has(sale.invoiceDate)).map((sale) => sale.amount);
    const negated = prior.map(({ amount, currency }) => ({
      amount: new Money(amount).neg().toFixed(),
      currency,
    }));
    return {
      activityType,
      activities: funded.length,
      days: days.size,
      funded: totalsPerCurrency(
        funded.map((request) => ({ amount: request.approvedAmount ?? '0', currency: request.currency })),
      ),
      sales: totalsPerCurrency(current),
      salesYearBefore: totalsPerCurrency(prior),
      change: totalsPerCurrency([...current, ...negated]),
    };
  });
}

/**
 * The ROI view of one partner's funded activities (a partner its own; staff name the partner). Main course:
 * the partner's funded requests → the months their days and the same days a year earlier fall in → the
 * partner's sales of those months (the sales-by-month index, one sharded query per month) → totals per type.
 */
export async function fundRoi(
  deps: Pick<FundDeps, 'funds'> & { readonly sales: Pick<ChannelLineQueries, 'salesInMonth'> },
  actor: Actor,
  filter: { readonly partnerId?: string | undefined },
): Promise<FundRoiReport> {
  requireRole(actor, [...internalRoles, 'partner']);
  const partnerId = actor.role === 'partner' ? actor.partnerId : filter.partnerId;
  if (actor.role === 'partner' && filter.partnerId !== undefined && filter.partnerId !== partnerId)
    throw new NotFoundError(`Partner '${filter.partnerId}' not found`);
  if (partnerId === undefined)
    throw new ValidationError('Name the partner', [{ path: 'partnerId', message: 'is required for staff' }]);
  const requests = await deps.funds.listRequests({ partnerId });
  const months = await Promise.all(
    roiMonths(requests).map((month) => allPages((page) => deps.sales.salesInMonth(partnerId, month, page))),
  );
  return { partnerId, items: roiByActivityType(requests, months.flat().map(posSaleFact)) };
}
