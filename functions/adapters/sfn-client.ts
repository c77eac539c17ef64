import { SFNClient } from '@aws-sdk/client-sfn';
import { guardedRequestHandler } from './guarded-sockets';

export function createSfnClient(settings: {
  readonly region: string;
  readonly endpoint?: string | undefined;
}) {
  return new SFNClient({
    region: settings.region,
    requestHandler: guardedRequestHandler,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
  });
}
