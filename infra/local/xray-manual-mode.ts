/**
 * Imported first by the local runtime, before anything loads the X-Ray SDK (Powertools' tracer does). Tracing is
 * off here (no Lambda environment, no daemon), yet the SDK's default automatic mode installs an async hook that
 * tracks the destruction of every promise, ≈ 6% of the stack's CPU on API reads. Manual mode leaves the hook
 * out; on Lambda nothing sets it and traces work as before.
 */
process.env.AWS_XRAY_MANUAL_MODE ??= 'true';
