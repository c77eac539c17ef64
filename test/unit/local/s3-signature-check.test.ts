import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { S3Uploads } from '../../../functions/adapters/s3-uploads';
import { localCredentials } from '../../../infra/local/dynamodb-local';
import { checkS3Signature, type SignedRequest } from '../../../infra/local/s3-signature-check';

const endpoint = 'http://127.0.0.1:4569';
const signedAt = new Date();
const client = new S3Client({
  region: 'us-east-1',
  endpoint,
  forcePathStyle: true,
  credentials: localCredentials,
  systemClockOffset: 0,
});
const uploads = new S3Uploads(client, 'uploads');

/** A presigned PUT of 126 bytes of CSV under a partner's prefix, as the API hands it out. */
async function presignedPut(expiresInSeconds = 900): Promise<SignedRequest> {
  const url = new URL(
    await uploads.presignPut({
      key: 'uploads/RES-ACME/f-1/april.csv',
      contentType: 'text/csv',
      contentLength: 126,
      expiresInSeconds,
    }),
  );
  return {
    method: 'PUT',
    url: `${url.pathname}${url.search}`,
    headers: { host: url.host, 'content-type': 'text/csv', 'content-length': '126' },
  };
}

const check = (request: SignedRequest, now = signedAt) => checkS3Signature(request, localCredentials, now);

describe('the local S3 front checks SigV4 as S3 does', () => {
  it('lets a presigned PUT through with the signed headers it was issued for', async () => {
    expect(check(await presignedPut())).toBeUndefined();
  });

  it('refuses another content type or size than the URL signed', async () => {
    const put = await presignedPut();
    expect(
      check({ ...put, headers: { ...put.headers, 'content-type': 'application/x-msdownload' } }),
    ).toMatchObject({
      status: 403,
      code: 'SignatureDoesNotMatch',
    });
    expect(check({ ...put, headers: { ...put.headers, 'content-length': '127' } })?.code).toBe(
      'SignatureDoesNotMatch',
    );
  });

  it("refuses the URL pointed at another partner's prefix or with a tampered signature", async () => {
    const put = await presignedPut();
    const other = put.url.replace('/RES-ACME/', '/DIST-NORTH/');
    expect(check({ ...put, url: other })?.code).toBe('SignatureDoesNotMatch');
    const tampered = put.url.replace(
      /X-Amz-Signature=([0-9a-f])/,
      (_, first) => `X-Amz-Signature=${first === '0' ? '1' : '0'}`,
    );
    expect(check({ ...put, url: tampered })?.code).toBe('SignatureDoesNotMatch');
  });

  it('refuses an expired URL and an unsigned (anonymous) request', async () => {
    const put = await presignedPut(60);
    expect(check(put, new Date(signedAt.getTime() + 61_000))).toMatchObject({
      status: 403,
      code: 'AccessDenied',
      message: 'Request has expired',
    });
    expect(
      check({
        method: 'GET',
        url: '/uploads/uploads/RES-ACME/f-1/april.csv',
        headers: { host: '127.0.0.1:4569' },
      }),
    ).toMatchObject({ status: 403, code: 'AccessDenied' });
  });

  it('refuses a signature made with other credentials', async () => {
    const put = await presignedPut();
    const otherKey = { accessKeyId: localCredentials.accessKeyId, secretAccessKey: 'not-the-secret' };
    expect(checkS3Signature(put, otherKey, signedAt)?.code).toBe('SignatureDoesNotMatch');
    const otherId = { ...localCredentials, accessKeyId: 'SOMEONE' };
    expect(checkS3Signature(put, otherId, signedAt)?.code).toBe('InvalidAccessKeyId');
  });
});
