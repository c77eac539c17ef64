import { disputeSchema } from '../../domain/price-protection/partner-review';
import { priceProtectionRunRequestSchema } from '../../domain/price-protection/price-protection-run';
import { pageQuerySchema } from './api-schemas';
import {
  priceProtectionClaimListQuerySchema,
  priceProtectionClaimResponseSchema,
  priceProtectionLineSchema,
  priceProtectionRecoveryQuerySchema,
  priceProtectionRunResponseSchema,
  priceProtectionRunSchema,
} from './price-protection-schemas';
import { pageOf } from './record-response-schemas';
import type { RouteSpec } from './route-spec';

const dir = 'functions/api/price-protection';

/** Price protection: runs per price entry (channel manager, admin), and partners' review of their claims. */
export const priceProtectionRoutes: readonly RouteSpec[] = [
  {
    method: 'POST',
    path: '/price-protection-runs',
    entry: `${dir}/run-price-protection.ts`,
    operationId: 'runPriceProtection',
    success: [201, 200],
    problems: [409, 422],
    summary:
      'Run price protection for a price entry (channel manager, admin): one line and, for a protected decrease, one `priceProtection` claim per eligible partner; 200 for a re-run of the same entry (no twins)',
    body: priceProtectionRunRequestSchema,
    response: priceProtectionRunResponseSchema,
  },
  {
    method: 'GET',
    path: '/price-protection-runs',
    entry: `${dir}/list-price-protection-runs.ts`,
    operationId: 'listPriceProtectionRuns',
    success: [200],
    summary: 'Price protection runs, oldest first (staff)',
    query: pageQuerySchema,
    response: pageOf(priceProtectionRunSchema),
  },
  {
    method: 'GET',
    path: '/price-protection-runs/{runId}',
    entry: `${dir}/get-price-protection-run.ts`,
    operationId: 'getPriceProtectionRun',
    success: [200],
    summary: 'One price protection run with its partner lines and claims (staff)',
    response: priceProtectionRunResponseSchema,
  },
  {
    method: 'GET',
    path: '/price-protection-claims',
    entry: `${dir}/list-price-protection-claims.ts`,
    operationId: 'listPriceProtectionClaims',
    success: [200],
    summary:
      'Price protection claims with their figures, oldest first: a partner its own, staff one partner’s',
    query: priceProtectionClaimListQuerySchema,
    response: pageOf(priceProtectionClaimResponseSchema),
  },
  {
    method: 'GET',
    path: '/price-protection-claims/{claimId}',
    entry: `${dir}/get-price-protection-claim.ts`,
    operationId: 'getPriceProtectionClaim',
    success: [200],
    summary: 'One price protection claim with the figures it was computed from; another partner’s is a 404',
    response: priceProtectionClaimResponseSchema,
  },
  {
    method: 'POST',
    path: '/price-protection-claims/{claimId}/accept',
    entry: `${dir}/accept-price-protection-claim.ts`,
    operationId: 'acceptPriceProtectionClaim',
    success: [200],
    problems: [409],
    summary: 'The partner accepts its generated claim: it enters approval and is paid like any claim',
    response: priceProtectionClaimResponseSchema,
    publishesEvents: true,
  },
  {
    method: 'POST',
    path: '/price-protection-claims/{claimId}/dispute',
    entry: `${dir}/dispute-price-protection-claim.ts`,
    operationId: 'disputePriceProtectionClaim',
    success: [200],
    problems: [409],
    summary: 'The partner disputes its generated claim with a reason: a person decides it in approval',
    body: disputeSchema,
    response: priceProtectionClaimResponseSchema,
    publishesEvents: true,
  },
  {
    method: 'GET',
    path: '/price-protection-recoveries',
    entry: `${dir}/list-price-protection-recoveries.ts`,
    operationId: 'listPriceProtectionRecoveries',
    success: [200],
    summary:
      'Reverse price protection recoveries (negative: owed by the partner), oldest first: a partner its own, staff one partner’s; open until a later claim sets them off (`offsetByClaimId`)',
    query: priceProtectionClaimListQuerySchema,
    response: pageOf(priceProtectionLineSchema),
  },
  {
    method: 'GET',
    path: '/price-protection-recoveries/{runId}',
    entry: `${dir}/get-price-protection-recovery.ts`,
    operationId: 'getPriceProtectionRecovery',
    success: [200],
    summary: 'A partner’s recovery of one run (staff name `partnerId`); another partner’s, or none, is a 404',
    query: priceProtectionRecoveryQuerySchema,
    response: priceProtectionLineSchema,
  },
];
