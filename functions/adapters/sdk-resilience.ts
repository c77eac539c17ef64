/**
 * Retry and timeout settings every AWS SDK client of ChRM shares. The SDK's standard mode retries throttling
 * (ThrottlingException, ProvisionedThroughputExceededException, SlowDown), 5xx and transient network errors
 * with exponential backoff and jitter; 3 attempts (its default) gives up on a throttled partition within a
 * second, so we allow 6. Without a request timeout a hung connection would hold the unit of work until the
 * Lambda times out; a timed-out attempt is retried like any transient error.
 */
export const sdkResilience = {
  retryMode: 'standard',
  maxAttempts: 6,
  requestHandler: { connectionTimeout: 3_000, requestTimeout: 30_000 },
} as const;
