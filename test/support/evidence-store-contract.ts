import { beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceStore } from '../../domain/evidence/ports';

/** An evidence store and how a partner uploads to a URL it signed (the fake: kept; S3: a PUT to the URL). */
export interface EvidenceUnderTest<Store extends EvidenceStore = EvidenceStore> {
  readonly evidence: Store;
  readonly upload: (url: string, key: string, body: Buffer, contentType: string) => Promise<void>;
}

/**
 * The EvidenceStore contract, run against the in-memory fake (unit suite) and the S3 adapter against s3rver
 * (integration suite): nothing is described under a key before its upload; after it, the size and type the
 * upload was signed for, which is what the claim use cases check.
 */
export function evidenceStoreContract(label: string, open: () => Promise<EvidenceUnderTest>) {
  describe(`${label} keeps the EvidenceStore contract`, () => {
    let store: EvidenceUnderTest;

    beforeAll(async () => {
      store = await open();
    });

    it('describes an uploaded object by its size and type, and nothing before its upload', async () => {
      const key = 'evidence/CP1/CF-REQ-1/invoice.pdf';
      const body = Buffer.from('%PDF-1.7 contract evidence');
      const url = await store.evidence.presignPut({
        key,
        contentType: 'application/pdf',
        contentLength: body.length,
        expiresInSeconds: 300,
      });
      expect(await store.evidence.describe(key)).toBeUndefined();

      await store.upload(url, key, body, 'application/pdf');

      const described = await store.evidence.describe(key);
      expect({ sizeBytes: described?.sizeBytes, contentType: described?.contentType }).toEqual({
        sizeBytes: body.length,
        contentType: 'application/pdf',
      });
      expect(await store.evidence.describe('evidence/CP1/CF-REQ-1/other.pdf')).toBeUndefined();
    });
  });
}
