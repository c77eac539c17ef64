import { SFNClient } from '@aws-sdk/client-sfn';
import { traced } from '../shared/observability';
import { sdkResilience } from './sdk-resilience';

export function createSfnClient(settings: {
  readonly region: string;
  readonly endpoint?: string | undefined;
}) {
  return traced(
    new SFNClient({
      ...sdkResilience,
      region: settings.region,
      // Its commands are plain (no per-command middleware): resolve the middleware stack once, not per send.
      cacheMiddleware: true,
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    }),
  );
}
