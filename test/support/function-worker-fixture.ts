import { threadId } from 'node:worker_threads';
import type { Context } from 'aws-lambda';

/**
 * A Lambda handler for the function-worker tests: does what `?do=` says (`answer`, `throw`, `exit`, `uncaught`,
 * `wait`), so one fixture serves direct invocations and requests through the local gateway.
 */
export async function handler(event: { queryStringParameters?: { do?: string } }, context: Context) {
  switch (event.queryStringParameters?.do) {
    case 'answer':
      return {
        statusCode: 200,
        body: JSON.stringify({
          threadId,
          setting: process.env.FIXTURE_SETTING,
          functionName: context.functionName,
          remainingMs: context.getRemainingTimeInMillis(),
        }),
      };
    case 'throw':
      throw Object.assign(new RangeError('out of range'), { code: 'E_FIXTURE', details: { field: 'x' } });
    case 'exit':
      process.exit(3);
      break;
    case 'uncaught':
      setTimeout(() => {
        throw new Error('thrown outside the invocation');
      });
      return new Promise(() => undefined);
    default:
      return new Promise(() => undefined);
  }
}
