import { SFNClient } from '@aws-sdk/client-sfn';

export function createSfnClient(settings: {
  readonly region: string;
  readonly endpoint?: string | undefined;
}) {
  return new SFNClient({
    region: settings.region,
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
  });
}
