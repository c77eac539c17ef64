import { type Actor, internalRoles } from '../access/actor';
import { partnerScope, requireRole, requireVisibleTo } from '../access/policies';
import type { ChannelFileData } from '../channel-files/channel-file';
import type { Claim } from '../claims/claim';
import type { ClaimQueries, ClaimStore } from '../claims/ports';
import type { PartnerData } from '../partners/partner';
import { NotFoundError, ValidationError } from '../shared/errors';
import type { IsoDate } from '../shared/iso-date';
import type { CurrencyCode } from '../shared/money/money';
import type { Page, PageRequest, RecordStore, Stored } from '../shared/ports';
import { type ClaimsAgeingReport, claimsAgeing, openClaimStatuses } from './claims-ageing';
import { type LiabilitiesReport, type LiabilityFilter, liabilitiesOf } from './liabilities';
import { type PartnerScorecard, partnerScorecard } from './partner-scorecard';
import { type PerformanceDimension, type PerformanceRow, performanceBy } from './performance';
import type { InventorySnapshotsByMonth, LiabilitySummaryReader, SalesSummaryStore } from './ports';
import { type MonthWindow, monthBefore, monthsOf, yearBefore } from './report-months';
import type { PartnerMonthSales } from './sales-summary';
import {
  type TopPartner,
  type TopPartnerMeasure,
  topPartnersByEarned,
  topPartnersByRevenue,
} from './top-partners';

/**
 * What reports read. None reads sale lines or postings: sales come from the monthly summaries accrual runs
 * write, money from the liability summaries the ledger keeps with its postings, and the rest from claims and
 * file records; the scorecard's inventory variance reads the partner's inventory snapshots of the window by
 * month.
 */
export interface ReportDeps {
  readonly liabilities: LiabilitySummaryReader;
  readonly partners: RecordStore<PartnerData>;
  readonly claims: Pick<ClaimStore, 'withStatus'>;
  readonly claimQueries: ClaimQueries;
  readonly files: RecordStore<ChannelFileData>;
  readonly salesSummaries: Pick<SalesSummaryStore, 'ofMonth'>;
  readonly inventorySnapshots: InventorySnapshotsByMonth;
}

const readers = [...internalRoles, 'partner'] as const;

async function everyItem<T>(list: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ limit: 100, cursor });
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return items;
}

/**
 * The partner a report is limited to: a partner user's own (asking for another is "not found"), or the one
 * staff asked for, or every partner (undefined).
 */
function scopedPartner(actor: Actor, partnerId: string | undefined): string | undefined {
  requireRole(actor, readers);
  requireVisibleTo(actor, partnerId, 'Partner');
  return partnerScope(actor) ?? partnerId;
}

/** Open liability by program, partner, program period and currency; a partner user sees only its own. */
export async function liabilitiesReport(
  deps: ReportDeps,
  actor: Actor,
  filter: LiabilityFilter,
): Promise<LiabilitiesReport> {
  const partnerId = scopedPartner(actor, filter.partnerId);
  const summaries = await deps.liabilities.liabilitySummaries({ partnerId, programId: filter.programId });
  return liabilitiesOf(summaries, { ...filter, partnerId });
}

/**
 * The partners that earned most in a program period (or ever), or that sold most in a window of months,
 * per currency (staff). Revenue comes from the sales summaries, which know months, not programs: it needs
 * `from` and `to` and takes no program or program period.
 */
export async function topPartnersReport(
  deps: ReportDeps,
  actor: Actor,
  input: Omit<LiabilityFilter, 'partnerId'> & {
    readonly by: TopPartnerMeasure;
    readonly limit: number;
    /** The window of months ranked by revenue, `YYYY-MM`. */
    readonly from?: string | undefined;
    readonly to?: string | undefined;
  },
): Promise<TopPartner[]> {
  requireRole(actor, internalRoles);
  const { limit, by, from, to, ...filter } = input;
  if (by === 'earned') {
    return topPartnersByEarned(
      liabilitiesOf(await deps.liabilities.liabilitySummaries({ programId: filter.programId }), filter).rows,
      limit,
    );
  }
  const issues = [
    ...(from === undefined ? [{ path: 'from', message: 'is required to rank by revenue' }] : []),
    ...(to === undefined ? [{ path: 'to', message: 'is required to rank by revenue' }] : []),
    ...(['programId', 'period'] as const)
      .filter((field) => filter[field] !== undefined)
      .map((path) => ({ path, message: 'sales are not per program: rank by earned for it' })),
  ];
  if (from === undefined || to === undefined || issues.length > 0) {
    throw new ValidationError('ranking by revenue takes a window of months', issues);
  }
  return topPartnersByRevenue(await salesOfMonths(deps, { from, to }), limit, filter.currency);
}

/** Open claims by status, currency and age as of a day; a partner user sees only its own. */
export async function claimsAgeingReport(
  deps: ReportDeps,
  actor: Actor,
  input: {
    readonly partnerId?: string | undefined;
    readonly currency?: CurrencyCode | undefined;
    readonly asOf: IsoDate;
  },
): Promise<ClaimsAgeingReport> {
  const partnerId = scopedPartner(actor, input.partnerId);
  const claims: Claim[] =
    partnerId === undefined
      ? (await Promise.all(openClaimStatuses.map((status) => deps.claims.withStatus(status)))).flat()
      : await everyItem((page) => deps.claimQueries.list({ partnerId }, page));
  return claimsAgeing(
    claims.filter((claim) => input.currency === undefined || claim.currency === input.currency),
    input.asOf,
  );
}

async function salesOfMonths(deps: ReportDeps, window: MonthWindow, partnerId?: string) {
  const months = monthsOf(window);
  return (await Promise.all(months.map((month) => deps.salesSummaries.ofMonth(month, partnerId)))).flat();
}

/**
 * One partner's scorecard over a window of months. A partner user asking for another partner's is "not
 * found", as is a partner not in master data.
 */
export async function scorecardReport(
  deps: ReportDeps,
  actor: Actor,
  input: MonthWindow & { readonly partnerId: string },
): Promise<PartnerScorecard> {
  requireRole(actor, readers);
  requireVisibleTo(actor, input.partnerId, 'Partner');
  const window = { from: input.from, to: input.to };
  const snapshotMonths = [monthBefore(window.from), ...monthsOf(window)];
  const [partner, sales, priorSales, claims, files, snapshots] = await Promise.all([
    deps.partners.get(input.partnerId),
    salesOfMonths(deps, window, input.partnerId),
    salesOfMonths(deps, yearBefore(window), input.partnerId),
    everyItem((page) => deps.claimQueries.list({ partnerId: input.partnerId }, page)),
    everyItem((page) => deps.files.list({ ...page, group: input.partnerId })),
    Promise.all(snapshotMonths.map((month) => deps.inventorySnapshots.ofMonth(input.partnerId, month))),
  ]);
  if (partner === undefined) throw new NotFoundError('Partner not found');
  return partnerScorecard({
    partnerId: input.partnerId,
    window,
    sales,
    priorSales,
    claims,
    files,
    snapshots: snapshots.flat(),
  });
}

/** Sales quantity and revenue per partner type, region, country, segment or product category over months (staff). */
export async function performanceReport(
  deps: ReportDeps,
  actor: Actor,
  input: MonthWindow & { readonly by: PerformanceDimension; readonly currency?: CurrencyCode | undefined },
): Promise<PerformanceRow[]> {
  requireRole(actor, internalRoles);
  const [summaries, partners] = await Promise.all([
    salesOfMonths(deps, input),
    everyItem((page) => deps.partners.list(page)),
  ]);
  const byId = new Map<string, Stored<PartnerData>>(partners.map((partner) => [partner.partnerId, partner]));
  return performanceBy(summaries as PartnerMonthSales[], byId, input.by, input.currency);
}
