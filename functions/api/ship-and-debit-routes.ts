import { z } from 'zod';
import { attachmentUploadSchema } from '../../domain/ship-and-debit/debit-authorization-attachments';
import {
  debitAuthorizationAmendmentSchema,
  debitAuthorizationCancellationSchema,
  debitAuthorizationRequestSchema,
} from '../../domain/ship-and-debit/debit-authorization-requests';
import { shipAndDebitClaimJsonSchema } from '../../domain/ship-and-debit/ship-and-debit-claim-request';
import { pageOf } from './record-response-schemas';
import type { RouteSpec } from './route-spec';
import {
  attachmentListResponseSchema,
  attachmentUploadResponseSchema,
  billBackDetectionResponseSchema,
  billBackDetectionSchema,
  billBackResponseSchema,
  debitAuthorizationResponseSchema,
  shipAndDebitClaimQuerySchema,
  shipAndDebitClaimResponseSchema,
  shipAndDebitListQuerySchema,
} from './ship-and-debit-schemas';

const fileNote = (what: string) =>
  z.string().describe(`${what}; the body is the file itself, not JSON (this schema documents its type only)`);

const authorizationPath = '/debit-authorizations/{authorizationNumber}';
const claimPath = '/ship-and-debit-claims/{shipAndDebitClaimId}';

/** Ship & debit: debit authorizations (special pricing) and the claims partners make against them. */
export const shipAndDebitRoutes: readonly RouteSpec[] = [
  {
    method: 'POST',
    path: '/debit-authorizations',
    entry: 'functions/api/ship-and-debit/request-debit-authorization.ts',
    operationId: 'requestDebitAuthorization',
    success: [201],
    // A product, price list or segment the master data does not hold.
    problems: [422],
    summary:
      'Request special pricing (partner for itself, channel manager for a partner): products, caps, pricing, validity',
    body: debitAuthorizationRequestSchema,
    response: debitAuthorizationResponseSchema,
    startsRequestApprovals: true,
  },
  {
    method: 'GET',
    path: '/debit-authorizations',
    entry: 'functions/api/ship-and-debit/list-debit-authorizations.ts',
    operationId: 'listDebitAuthorizations',
    success: [200],
    summary: 'Debit authorizations, oldest request first: a partner its own, staff all',
    query: shipAndDebitListQuerySchema,
    response: pageOf(debitAuthorizationResponseSchema),
  },
  {
    method: 'GET',
    path: authorizationPath,
    entry: 'functions/api/ship-and-debit/get-debit-authorization.ts',
    operationId: 'getDebitAuthorization',
    success: [200],
    summary: 'One debit authorization with its history and remaining quantities',
    response: debitAuthorizationResponseSchema,
  },
  {
    method: 'POST',
    path: `${authorizationPath}/amendments`,
    entry: 'functions/api/ship-and-debit/amend-debit-authorization.ts',
    operationId: 'amendDebitAuthorization',
    success: [200],
    problems: [409, 422],
    summary: 'Amend an approved authorization’s terms: a new version, earlier terms kept in its history',
    body: debitAuthorizationAmendmentSchema,
    response: debitAuthorizationResponseSchema,
  },
  {
    method: 'POST',
    path: `${authorizationPath}/cancellation`,
    entry: 'functions/api/ship-and-debit/cancel-debit-authorization.ts',
    operationId: 'cancelDebitAuthorization',
    success: [200],
    problems: [409],
    summary: 'Cancel an authorization: later claim lines on it are rejected (901 code 23)',
    body: debitAuthorizationCancellationSchema,
    response: debitAuthorizationResponseSchema,
  },
  {
    method: 'POST',
    path: '/ship-and-debit-claims',
    entry: 'functions/api/ship-and-debit/submit-ship-and-debit-claim.ts',
    operationId: 'submitShipAndDebitClaim',
    success: [201, 200],
    problems: [409, 415, 422],
    summary:
      'Submit a ship & debit claim as application/json lines, text/csv or application/edi-x12 (844): each line approved, cut (04) or rejected with its X12 901 code; 200 for a claim number sent before; 422 for a malformed file',
    query: shipAndDebitClaimQuerySchema,
    // The JSON form; text/csv and application/edi-x12 bodies are read by the handler from their content type.
    body: shipAndDebitClaimJsonSchema,
    response: shipAndDebitClaimResponseSchema,
    publishesEvents: true,
  },
  {
    method: 'GET',
    path: '/ship-and-debit-claims',
    entry: 'functions/api/ship-and-debit/list-ship-and-debit-claims.ts',
    operationId: 'listShipAndDebitClaims',
    success: [200],
    summary: 'Ship & debit claims, oldest first: a partner its own, staff all',
    query: shipAndDebitListQuerySchema,
    response: pageOf(shipAndDebitClaimResponseSchema),
  },
  {
    method: 'GET',
    path: claimPath,
    entry: 'functions/api/ship-and-debit/get-ship-and-debit-claim.ts',
    operationId: 'getShipAndDebitClaim',
    success: [200],
    summary: 'One ship & debit claim with every line’s outcome and the claim settling it',
    response: shipAndDebitClaimResponseSchema,
  },
  {
    method: 'GET',
    path: `${claimPath}/849`,
    entry: 'functions/api/ship-and-debit/get-ship-and-debit-849.ts',
    operationId: 'getShipAndDebitClaim849',
    success: [200],
    summary:
      'The X12 849 (4010) answering the claim: per line AAA with 901/889 codes, approved quantity and amount',
    response: fileNote('application/edi-x12 849 response'),
  },
  {
    method: 'GET',
    path: `${claimPath}/lines`,
    entry: 'functions/api/ship-and-debit/get-ship-and-debit-claim-lines.ts',
    operationId: 'getShipAndDebitClaimLines',
    success: [200],
    summary: 'The claim’s lines with their outcomes and 901 codes (CSV)',
    response: fileNote('text/csv claim lines'),
  },
  {
    method: 'POST',
    path: '/ship-and-debit-bill-backs/detections',
    entry: 'functions/api/ship-and-debit/detect-ship-and-debit-bill-backs.ts',
    operationId: 'detectShipAndDebitBillBacks',
    success: [200],
    problems: [409],
    summary:
      'Bill back a partner’s POS returns of resold units (channel manager, admin): one bill-back per return line matching credited claim lines, once; the units go back to the authorization',
    body: billBackDetectionSchema,
    response: billBackDetectionResponseSchema,
  },
  {
    method: 'GET',
    path: '/ship-and-debit-bill-backs',
    entry: 'functions/api/ship-and-debit/list-ship-and-debit-bill-backs.ts',
    operationId: 'listShipAndDebitBillBacks',
    success: [200],
    summary: 'Bill-backs, oldest first: a partner its own, staff all',
    query: shipAndDebitListQuerySchema,
    response: pageOf(billBackResponseSchema),
  },
  {
    method: 'GET',
    path: '/ship-and-debit-bill-backs/{billBackId}',
    entry: 'functions/api/ship-and-debit/get-ship-and-debit-bill-back.ts',
    operationId: 'getShipAndDebitBillBack',
    success: [200],
    summary: 'One bill-back: the return, the claim lines it reversed, whether a later claim netted it',
    response: billBackResponseSchema,
  },
  {
    method: 'POST',
    path: `${authorizationPath}/attachment-uploads`,
    entry: 'functions/api/ship-and-debit/request-attachment-upload.ts',
    operationId: 'requestDebitAuthorizationAttachmentUpload',
    success: [201],
    // Not `requested` (a partner) or no longer open (a channel manager), or 20 attachments already.
    problems: [409],
    summary:
      'A presigned PUT for one attachment (JPEG, PNG, PDF, CSV or XLSX, at most 20 MiB): the requesting partner while requested, a channel manager also once approved',
    body: attachmentUploadSchema,
    response: attachmentUploadResponseSchema,
    // It reads the authorization; the upload itself goes to S3.
    tableAccess: 'read',
    signsAttachmentUploads: true,
    readsAttachments: true,
  },
  {
    method: 'GET',
    path: `${authorizationPath}/attachments`,
    entry: 'functions/api/ship-and-debit/list-debit-authorization-attachments.ts',
    operationId: 'listDebitAuthorizationAttachments',
    success: [200],
    summary: 'The authorization’s uploaded attachments, each with a download URL valid 5 minutes',
    response: attachmentListResponseSchema,
    readsAttachments: true,
  },
];
