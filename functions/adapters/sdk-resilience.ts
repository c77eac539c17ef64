import { guardedRequestHandler } from './guarded-sockets';

/**
 * Retry and timeout settings every AWS SDK client of ChRM shares, on the guarded agents (guarded-sockets.ts). The SDK's standard mode retries throttling
 * (ThrottlingException, ProvisionedThroughputExceededException, SlowDown), 5xx and transient network errors
 * with exponential backoff and jitter; 3 attempts (its default) gives up on a throttled partition within a
 * second, so we allow 6. Without a request timeout a hung connection would hold the unit of work until the
 * Lambda times out; a timed-out attempt is retried like any transient error.
 */
export const sdkResilience = {
  retryMode: 'standard',
  maxAttempts: 6,
  // One object: a client given its own `requestHandler` would drop these timeouts (as all four once did).
  // Without `throwOnRequestTimeout` the SDK only logs a warning when `requestTimeout` passes.
  requestHandler: {
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    throwOnRequestTimeout: true,
    ...guardedRequestHandler,
  },
} as const;
