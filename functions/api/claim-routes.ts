import { claimRequestSchema } from '../../domain/claims/claim-request';
import {
  bulkClaimRequestSchema,
  bulkClaimResponseSchema,
  claimListQuerySchema,
  claimResponseSchema,
} from './claim-schemas';
import { pageOf } from './record-response-schemas';
import type { RouteSpec } from './route-spec';

/** Claims: submission (partner, channel manager), reads, and finance's bulk claims. */
export const claimRoutes: readonly RouteSpec[] = [
  {
    method: 'POST',
    path: '/claims',
    entry: 'functions/api/claims/submit-claim.ts',
    operationId: 'submitClaim',
    success: [201, 200],
    problems: [409],
    summary:
      'Submit a claim (partner for itself, channel manager on its behalf): 201 `validated` (reserved) or `validationFailed` with reasons; 200 for a repeat (Idempotency-Key)',
    body: claimRequestSchema,
    response: claimResponseSchema,
    publishesEvents: true,
  },
  {
    method: 'GET',
    path: '/claims',
    entry: 'functions/api/claims/list-claims.ts',
    operationId: 'listClaims',
    success: [200],
    summary: 'Claims, oldest first: a partner its own, staff all; by status, partner, program',
    query: claimListQuerySchema,
    response: pageOf(claimResponseSchema),
  },
  {
    method: 'GET',
    path: '/claims/{claimId}',
    entry: 'functions/api/claims/get-claim.ts',
    operationId: 'getClaim',
    success: [200],
    summary: 'One claim with its lines, status, validation reasons and audit trail',
    response: claimResponseSchema,
  },
  {
    method: 'POST',
    path: '/claims/bulk',
    entry: 'functions/api/claims/submit-bulk-claims.ts',
    operationId: 'submitBulkClaims',
    success: [200],
    problems: [422],
    summary:
      "Claim every beneficiary's available balance of a program period (finance): claims made, beneficiaries skipped",
    body: bulkClaimRequestSchema,
    response: bulkClaimResponseSchema,
    publishesEvents: true,
  },
];
