import { S3Client } from '@aws-sdk/client-s3';
import { traced } from '../shared/observability';
import { sdkResilience } from './sdk-resilience';

/**
 * One S3 client per container. Locally (`S3_ENDPOINT`) s3rver needs path-style URLs, and checksums only
 * when required: s3rver stores streamed uploads corrupted when the SDK adds its default trailing checksum.
 */
export function createS3Client(settings: {
  readonly region: string;
  readonly endpoint?: string | undefined;
}): S3Client {
  return traced(
    new S3Client({
      ...sdkResilience,
      region: settings.region,
      ...(settings.endpoint ? { endpoint: settings.endpoint, forcePathStyle: true } : {}),
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  );
}
