import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { z } from 'zod';
import { logger } from './logger';
import { publishBusinessCounts } from './observability';

/**
 * Every Lambda entry point has one shape: a middy handler whose log lines carry the Lambda context (request
 * id, function, cold start) and the ids of what it works on, and whose business counts are published as
 * metrics. `correlationIdPath` names where an event carries its correlation id (API Gateway's request id).
 */
export function lambdaEntry<E, R>(
  handler: (event: E, context: Context) => Promise<R>,
  options: { readonly correlationIdPath?: string } = {},
) {
  return middy<E, R, Error, Context>(handler)
    .use(injectLambdaContext(logger, { resetKeys: true, ...options }))
    .use({ after: publishBusinessCounts, onError: publishBusinessCounts });
}

/** A task payload that breaks its contract: a defect in the workflow definition, so never retried. */
export class InvalidTaskPayloadError extends Error {
  override readonly name = 'InvalidTaskPayload';
}

/** Ids worth finding a task's log lines by, when its payload carries them. */
const correlationKeys = ['runId', 'programId', 'fileId', 'claimId'] as const;

/**
 * A Step Functions task: its payload parsed with the schema of its contract (`events/*-tasks.ts`), its ids
 * added to every log line, a failure logged once with them before the workflow's Retry or Catch sees it.
 */
export function workflowTask<S extends z.ZodType, R>(
  payload: S,
  task: (input: z.output<S>, context: Context) => Promise<R>,
) {
  return lambdaEntry(async (event: unknown, context) => {
    const parsed = payload.safeParse(event);
    if (!parsed.success) throw new InvalidTaskPayloadError(z.prettifyError(parsed.error));
    const input = parsed.data as Record<string, unknown>;
    logger.appendKeys(
      Object.fromEntries(
        correlationKeys.filter((key) => typeof input[key] === 'string').map((key) => [key, input[key]]),
      ),
    );
    return task(parsed.data, context);
  }).use({
    onError: (request) => {
      logger.error('Workflow task failed', { error: request.error as Error });
    },
  });
}
