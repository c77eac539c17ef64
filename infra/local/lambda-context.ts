import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';

export type Handler = (event: unknown, context: Context) => Promise<unknown>;

/** What a Lambda context is built from: plain data, so it can be posted to a function worker's thread. */
export interface ContextSource {
  readonly logicalId: string;
  readonly timeoutSeconds: number;
}

/** A Lambda-like context for one invocation of `fn`, its deadline counted from now. */
export function lambdaContext(fn: ContextSource): Context {
  const deadline = Date.now() + fn.timeoutSeconds * 1000;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: fn.logicalId,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${fn.logicalId}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${fn.logicalId}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
