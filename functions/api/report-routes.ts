import {
  claimsAgeingQuerySchema,
  claimsAgeingResponseSchema,
  liabilitiesQuerySchema,
  liabilitiesResponseSchema,
  performanceQuerySchema,
  performanceResponseSchema,
  scorecardQuerySchema,
  scorecardResponseSchema,
  topPartnersQuerySchema,
  topPartnersResponseSchema,
} from './report-schemas';
import type { RouteSpec } from './route-spec';

const dir = 'functions/api/reports';
const csvNote = '; `?format=csv` answers the main table as CSV';

/** Reports for the staff console, the partner portal and BI tools; none reads channel lines. */
export const reportRoutes: readonly RouteSpec[] = [
  {
    method: 'GET',
    path: '/reports/liabilities',
    entry: `${dir}/get-liabilities.ts`,
    operationId: 'getLiabilitiesReport',
    success: [200],
    problems: [404],
    summary: `Open liability (earned + adjustments − paid) by program, partner, program period and currency; a partner its own${csvNote}`,
    query: liabilitiesQuerySchema,
    response: liabilitiesResponseSchema,
  },
  {
    method: 'GET',
    path: '/reports/claims-ageing',
    entry: `${dir}/get-claims-ageing.ts`,
    operationId: 'getClaimsAgeingReport',
    success: [200],
    problems: [404],
    summary: `Open claims by status, currency and days since submission (0–30, 31–60, 61–90, >90); a partner its own${csvNote}`,
    query: claimsAgeingQuerySchema,
    response: claimsAgeingResponseSchema,
  },
  {
    method: 'GET',
    path: '/reports/top-partners',
    entry: `${dir}/get-top-partners.ts`,
    operationId: 'getTopPartnersReport',
    success: [200],
    summary: `The partners that earned most, per currency (staff)${csvNote}`,
    query: topPartnersQuerySchema,
    response: topPartnersResponseSchema,
  },
  {
    method: 'GET',
    path: '/reports/partner-scorecards/{partnerId}',
    entry: `${dir}/get-partner-scorecard.ts`,
    operationId: 'getPartnerScorecard',
    success: [200],
    summary: `A partner's scorecard: sales growth vs the same months last year, claim accuracy, file rejection rate; another partner's is 404${csvNote} (sales rows)`,
    query: scorecardQuerySchema,
    response: scorecardResponseSchema,
  },
  {
    method: 'GET',
    path: '/reports/performance',
    entry: `${dir}/get-performance.ts`,
    operationId: 'getPerformanceReport',
    success: [200],
    summary: `Sales quantity and revenue by partner type, region, country or product category, per currency (staff)${csvNote}`,
    query: performanceQuerySchema,
    response: performanceResponseSchema,
  },
];
