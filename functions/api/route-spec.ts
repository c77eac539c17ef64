import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * One API route: the CDK app creates a Lambda and an API Gateway route from it, the local runtime serves the
 * route from the synthesized template, and the OpenAPI document is generated from its schemas.
 */
export interface RouteSpec {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/partners/{partnerId}`. */
  readonly path: string;
  /** Handler source, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly operationId: string;
  readonly summary: string;
  /** Health only: every other route requires a verified token. */
  readonly public?: boolean;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** The JSON body of a success (absent only for non-JSON answers such as CSV, noted in the summary). */
  readonly response?: z.ZodType;
  /**
   * The statuses the route answers on success, the usual one first: 201 for a record created, 202 for work
   * started (accrual runs), else 200. A route without it fails the OpenAPI contract test.
   */
  readonly success?: readonly SuccessStatus[];
  /** Problem statuses beyond those implied by the route's shape (see `problemStatuses`): 409, 422. */
  readonly problems?: readonly ProblemStatus[];
  /** Sent If-Match with the version read (optimistic concurrency). */
  readonly ifMatch?: boolean;
  /** What the route's function may do with the table: reads for GET and read/write otherwise, unless set. */
  readonly tableAccess?: 'none' | 'read' | 'readWrite';
  /** Signs upload URLs, so its role needs s3:PutObject on the uploads bucket. */
  readonly signsUploads?: boolean;
  /** Signs evidence uploads (fund claims), so its role needs s3:PutObject on the bucket's evidence/ prefix. */
  readonly signsEvidenceUploads?: boolean;
  /** Checks uploaded evidence (HEAD), so its role may read the bucket's evidence/ prefix. */
  readonly readsEvidence?: boolean;
  /** Signs attachment uploads (debit authorizations), so its role needs s3:PutObject under attachments/. */
  readonly signsAttachmentUploads?: boolean;
  /** Lists attachments and signs their downloads, so its role may read the bucket's attachments/ prefix. */
  readonly readsAttachments?: boolean;
  /** Restarts channel-file ingests, so it gets the ingest state machine's ARN and may start executions. */
  readonly startsIngests?: boolean;
  /** Publishes domain events (a file failed by staff), so it may put events on the bus. */
  readonly publishesEvents?: boolean;
  /** Starts accrual-run workflows, so it gets the state machine's ARN and may start executions. */
  readonly startsAccrualRuns?: boolean;
  /** Resumes claim-approval executions (SendTaskSuccess/Failure), so it gets that state machine's ARN and grant. */
  readonly resumesApprovals?: boolean;
  /** Submits a request (fund, debit authorization), so it gets the request-approval state machine's ARN and may start executions. */
  readonly startsRequestApprovals?: boolean;
  /** Writes bank files, so it gets the paying account (CDK context `chrm:payerAccount`) as PAYER_ACCOUNT. */
  readonly readsPayerAccount?: boolean;
  /** Recomputes from run snapshots (explanations, replays), so it may read them under runs/. */
  readonly readsRunSnapshots?: boolean;
}

export type SuccessStatus = 200 | 201 | 202;
export type ProblemStatus = 400 | 401 | 403 | 404 | 409 | 412 | 415 | 422 | 428;

/** What each problem status means, for the OpenAPI document. */
export const problemMeanings: Record<ProblemStatus, string> = {
  400: 'Invalid request: a field of the body, query or path fails its schema (`errors[].path` names it)',
  401: 'No valid bearer token. On AWS the HTTP API’s JWT authorizer answers this itself, as JSON `{"message": "Unauthorized"}` (HTTP APIs cannot reshape it); every other problem is problem+json',
  403: "The caller's role may not do this",
  404: 'No such record, or one the caller may not see (a partner asking for another partner)',
  409: 'Conflict: the record exists already, or its state does not allow this (e.g. a decision taken twice)',
  412: 'If-Match is stale: the record changed since it was read (read it again)',
  415: 'The body is not sent as `content-type: application/json`',
  422: 'A business rule refuses the request although every field is well formed (`errors[].path` names the field)',
  428: 'If-Match is required: send the ETag read',
};

/**
 * Every problem status a route documents: those its shape implies (a token: 401, 403; input: 400; a record in
 * the path: 404; a body: 415 unless sent as JSON; If-Match: 412, 428) and its own (`problems`). The OpenAPI document and the contract test
 * both read this, so what is documented is what is tested.
 */
export function problemStatuses(route: RouteSpec): ProblemStatus[] {
  const statuses = new Set<ProblemStatus>(route.problems ?? []);
  if (!route.public) {
    statuses.add(401);
    statuses.add(403);
  }
  const hasPathParams = route.path.includes('{');
  if (route.body !== undefined || route.query !== undefined || hasPathParams) statuses.add(400);
  if (hasPathParams) statuses.add(404);
  if (route.body !== undefined) statuses.add(415);
  if (route.ifMatch) {
    statuses.add(412);
    statuses.add(428);
  }
  return [...statuses].sort((a, b) => a - b);
}
