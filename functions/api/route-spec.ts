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
  readonly response?: z.ZodType;
  /** Sent If-Match with the version read (optimistic concurrency). */
  readonly ifMatch?: boolean;
  /** What the route's function may do with the table: reads for GET and read/write otherwise, unless set. */
  readonly tableAccess?: 'none' | 'read' | 'readWrite';
  /** Signs upload URLs, so its role needs s3:PutObject on the uploads bucket. */
  readonly signsUploads?: boolean;
  /** Restarts channel-file ingests, so it gets the ingest state machine's ARN and may start executions. */
  readonly startsIngests?: boolean;
  /** Starts accrual-run workflows, so it gets the state machine's ARN and may start executions. */
  readonly startsAccrualRuns?: boolean;
  /** Recomputes from run snapshots (explanations, replays), so it may read them under runs/. */
  readonly readsRunSnapshots?: boolean;
}
