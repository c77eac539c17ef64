import { fundAllocationSchema } from '../../domain/funds/fund';
import { evidenceUploadSchema } from '../../domain/funds/fund-claim-use-cases';
import { fundRequestInputSchema } from '../../domain/funds/fund-request';
import { fundClaimInputSchema, fundClaimReviewSchema } from '../../domain/funds/proof-of-performance';
import {
  evidenceUploadResponseSchema,
  fundClaimListQuerySchema,
  fundClaimResponseSchema,
  fundListQuerySchema,
  fundMovementResponseSchema,
  fundRequestListQuerySchema,
  fundRequestResponseSchema,
  fundResponseSchema,
  fundRoiResponseSchema,
  fundUtilizationResponseSchema,
} from './fund-schemas';
import { listOf } from './record-response-schemas';
import type { RouteSpec } from './route-spec';

const entry = (name: string) => `functions/api/funds/${name}.ts`;

/**
 * Co-op and MDF funds (issue 14): allocation (channel manager), fund requests (partner; decided in the
 * approvals inbox, `GET /approvals`), proof of performance with evidence uploads (partner) and its review (approver, finance), and
 * utilization. Approved claims become `mdf` claims that payment batches pay.
 */
export const fundRoutes: readonly RouteSpec[] = [
  {
    method: 'POST',
    path: '/funds',
    entry: entry('allocate-fund'),
    operationId: 'allocateFund',
    success: [201],
    problems: [422],
    summary:
      'Allocate an MDF budget to a partner, or open an accrual fund over a co-op program’s earned balance',
    body: fundAllocationSchema,
    response: fundResponseSchema,
  },
  {
    method: 'GET',
    path: '/funds',
    entry: entry('list-funds'),
    operationId: 'listFunds',
    success: [200],
    summary: 'Funds, oldest first: a partner its own, staff all or one partner’s',
    query: fundListQuerySchema,
    response: listOf(fundResponseSchema),
  },
  {
    method: 'GET',
    path: '/funds/{fundId}',
    entry: entry('get-fund'),
    operationId: 'getFund',
    success: [200],
    summary: 'One fund with its balances',
    response: fundResponseSchema,
  },
  {
    method: 'GET',
    path: '/funds/{fundId}/utilization',
    entry: entry('get-fund-utilization'),
    operationId: 'getFundUtilization',
    success: [200],
    summary: 'A fund’s utilization: allocated, reserved, claimed, paid, expired, available',
    response: fundUtilizationResponseSchema,
  },
  {
    method: 'GET',
    path: '/funds/{fundId}/movements',
    entry: entry('get-fund-movements'),
    operationId: 'getFundMovements',
    success: [200],
    summary: 'A fund’s posted movements: allocation, reservations, releases, claims, expiry',
    response: listOf(fundMovementResponseSchema),
  },
  {
    method: 'GET',
    path: '/fund-utilization',
    entry: entry('list-fund-utilization'),
    operationId: 'listFundUtilization',
    success: [200],
    summary: 'Utilization of every fund the caller may see (a partner its own), optionally of one partner',
    query: fundListQuerySchema,
    response: listOf(fundUtilizationResponseSchema),
  },
  {
    method: 'GET',
    path: '/fund-roi',
    entry: entry('get-fund-roi'),
    operationId: 'getFundRoi',
    success: [200],
    // A partner naming another partner: as if it did not exist.
    problems: [404],
    summary:
      'ROI per activity type: the partner’s POS sales on its funded activities’ days against the same days a year earlier (a partner its own; staff name `partnerId`)',
    query: fundListQuerySchema,
    response: fundRoiResponseSchema,
  },
  {
    method: 'POST',
    path: '/fund-requests',
    entry: entry('submit-fund-request'),
    operationId: 'submitFundRequest',
    success: [201, 200],
    // 404: the fund named in the body is not the partner's own (or does not exist); 409: a key reused.
    problems: [404, 409, 422],
    summary:
      'Ask for pre-approval of a marketing activity against the partner’s own fund (planned cost × share); 200 for a repeat (Idempotency-Key)',
    body: fundRequestInputSchema,
    response: fundRequestResponseSchema,
    startsRequestApprovals: true,
  },
  {
    method: 'GET',
    path: '/fund-requests',
    entry: entry('list-fund-requests'),
    operationId: 'listFundRequests',
    success: [200],
    summary: 'Fund requests, oldest first: a partner its own, staff all (of one partner or fund)',
    query: fundRequestListQuerySchema,
    response: listOf(fundRequestResponseSchema),
  },
  {
    method: 'GET',
    path: '/fund-requests/{requestId}',
    entry: entry('get-fund-request'),
    operationId: 'getFundRequest',
    success: [200],
    summary: 'One fund request with its audit trail',
    response: fundRequestResponseSchema,
  },
  {
    method: 'POST',
    path: '/fund-requests/{requestId}/evidence-uploads',
    entry: entry('request-evidence-upload'),
    operationId: 'requestEvidenceUpload',
    success: [201],
    problems: [409],
    summary:
      'A presigned PUT for one evidence file (JPEG, PNG or PDF, at most 20 MiB) of an approved request',
    body: evidenceUploadSchema,
    response: evidenceUploadResponseSchema,
    signsEvidenceUploads: true,
  },
  {
    method: 'POST',
    path: '/fund-requests/{requestId}/claims',
    entry: entry('submit-fund-claim'),
    operationId: 'submitFundClaim',
    success: [201],
    problems: [409, 422],
    summary:
      'Proof of performance: claim min(actual cost × share, approved, fund balance) with uploaded evidence',
    body: fundClaimInputSchema,
    response: fundClaimResponseSchema,
    readsEvidence: true,
  },
  {
    method: 'GET',
    path: '/fund-claims',
    entry: entry('list-fund-claims'),
    operationId: 'listFundClaims',
    success: [200],
    summary:
      'Proof-of-performance claims, oldest first: a partner its own, staff all (`status=submitted`: to review)',
    query: fundClaimListQuerySchema,
    response: listOf(fundClaimResponseSchema),
  },
  {
    method: 'GET',
    path: '/fund-claims/{fundClaimId}',
    entry: entry('get-fund-claim'),
    operationId: 'getFundClaim',
    success: [200],
    summary: 'One proof-of-performance claim',
    response: fundClaimResponseSchema,
  },
  {
    method: 'POST',
    path: '/fund-claims/{fundClaimId}/review',
    entry: entry('review-fund-claim'),
    operationId: 'reviewFundClaim',
    success: [200],
    problems: [409, 422],
    summary:
      'Approve, partially approve (amount, reason) or reject (reason); approval settles into an `mdf` claim',
    body: fundClaimReviewSchema,
    response: fundClaimResponseSchema,
  },
];
