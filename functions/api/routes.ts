import { accrualRoutes } from './accrual-routes';
import { approvalRoutes } from './approval-routes';
import { channelDataRoutes } from './channel-routes';
import { claimRoutes } from './claim-routes';
import { dealRegistrationRoutes } from './deal-registration-routes';
import { deductionRoutes } from './deduction-routes';
import { fundRoutes } from './fund-routes';
import { masterDataRoutes } from './master-data-routes';
import { paymentRoutes } from './payment-routes';
import { priceProtectionRoutes } from './price-protection-routes';
import { reportRoutes } from './report-routes';
import type { RouteSpec } from './route-spec';
import { shipAndDebitRoutes } from './ship-and-debit-routes';

/**
 * The routes by bounded context; each context's functions deploy as one stack (infra/stacks/api-routes-stack.ts),
 * so keep a group well under 70 routes (a route is seven CloudFormation resources, a stack holds 500).
 */
export const apiRouteGroups = {
  channel: [...masterDataRoutes, ...channelDataRoutes],
  accruals: accrualRoutes,
  claims: [...claimRoutes, ...approvalRoutes, ...paymentRoutes, ...deductionRoutes],
  shipAndDebit: shipAndDebitRoutes,
  dealRegistration: dealRegistrationRoutes,
  funds: fundRoutes,
  priceProtection: priceProtectionRoutes,
  reports: reportRoutes,
} as const satisfies Record<string, readonly RouteSpec[]>;

/** Every route of the API, in the order the OpenAPI document lists them. */
export const apiRoutes: readonly RouteSpec[] = Object.values(apiRouteGroups).flat();
