import type { S3Event } from 'aws-lambda';
import { functionIdFromArn, type IntrinsicResolver } from './intrinsics';
import type { LocalFunctions } from './local-functions';
import type { S3Local } from './s3-local';
import { type ChrmTemplates, resourcesAcross } from './template';

interface LambdaNotification {
  readonly bucket: string;
  readonly prefix: string;
  readonly suffix: string;
  readonly functionId: string;
}

interface NotificationConfiguration {
  LambdaFunctionConfigurations?: {
    LambdaFunctionArn: unknown;
    Events: string[];
    Filter?: { Key?: { FilterRules?: { Name: string; Value: string }[] } };
  }[];
}

/** The bucket notifications CDK declares (Custom::S3BucketNotifications), read from the templates. */
export function notificationsFromTemplates(
  templates: ChrmTemplates,
  resolver: IntrinsicResolver,
): LambdaNotification[] {
  return resourcesAcross(templates, 'Custom::S3BucketNotifications').flatMap(([template, , resource]) => {
    const bucket = String(resolver.resolve(resource.Properties?.BucketName, template)).toLowerCase();
    const configuration = resource.Properties?.NotificationConfiguration as
      | NotificationConfiguration
      | undefined;
    return (configuration?.LambdaFunctionConfigurations ?? [])
      .filter((entry) => entry.Events.some((name) => name.startsWith('s3:ObjectCreated')))
      .map((entry) => {
        const rules = entry.Filter?.Key?.FilterRules ?? [];
        const rule = (name: string) =>
          rules.find((candidate) => candidate.Name.toLowerCase() === name)?.Value ?? '';
        const arn = String(resolver.resolve(entry.LambdaFunctionArn, template));
        return { bucket, prefix: rule('prefix'), suffix: rule('suffix'), functionId: functionIdFromArn(arn) };
      });
  });
}

/** S3 URL-encodes keys in events, spaces as `+`; s3rver does not, so encode as AWS does. */
export const encodeEventKey = (key: string) =>
  key
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/%20/g, '+'))
    .join('/');

/**
 * Delivers s3rver's ObjectCreated events to the Lambdas the templates subscribe, asynchronously as S3 does.
 * Deliveries are tracked so that tests (and shutdown) can wait for them.
 */
export function deliverS3Notifications(
  s3: S3Local,
  notifications: readonly LambdaNotification[],
  functions: LocalFunctions,
) {
  const inFlight = new Set<Promise<unknown>>();
  s3.server.on('event', (event: S3Event) => {
    for (const record of event.Records) {
      if (!record.eventName.startsWith('ObjectCreated')) continue;
      const key = record.s3.object.key;
      for (const target of notifications) {
        if (
          target.bucket !== record.s3.bucket.name ||
          !key.startsWith(target.prefix) ||
          !key.endsWith(target.suffix)
        )
          continue;
        const awsRecord = {
          ...record,
          s3: { ...record.s3, object: { ...record.s3.object, key: encodeEventKey(key) } },
        };
        const delivery = functions
          .invoke(target.functionId, { Records: [awsRecord] })
          .catch((error: unknown) => console.error(`S3 notification to ${target.functionId} failed`, error))
          .finally(() => inFlight.delete(delivery));
        inFlight.add(delivery);
      }
    }
  });
  return { settled: () => Promise.all([...inFlight]) };
}
