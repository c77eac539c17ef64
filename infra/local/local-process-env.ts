/**
 * Settings the local stack's process takes before any module of the functions loads (start.ts and local-stack.ts
 * import this first). X-Ray: the tracer is off outside Lambda, but the X-Ray SDK, imported in its default automatic
 * mode, installs an async hook (cls-hooked) that tracks every promise of the process: ≈ 9% of the stack's
 * busy CPU in the claims bench's profile, for traces nobody sends. Lambda keeps automatic mode.
 */
process.env.AWS_XRAY_MANUAL_MODE ??= 'true';
