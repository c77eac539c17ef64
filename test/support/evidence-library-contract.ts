import { beforeAll, describe, expect, it } from 'vitest';
import type { EvidenceLibrary } from '../../domain/evidence/ports';
import type { EvidenceUnderTest } from './evidence-store-contract';

/**
 * The EvidenceLibrary contract, run against the in-memory fake (unit suite) and the S3 adapter against s3rver
 * (integration suite): a prefix lists exactly the objects uploaded under it (DA-1/ is not DA-10/), in key
 * order (S3's: by UTF-8 bytes), each with the size and type it was signed for and when its upload completed;
 * what the attachment use cases count and show.
 */
export function evidenceLibraryContract(
  label: string,
  open: () => Promise<EvidenceUnderTest<EvidenceLibrary>>,
) {
  describe(`${label} keeps the EvidenceLibrary contract`, () => {
    let store: EvidenceUnderTest<EvidenceLibrary>;

    beforeAll(async () => {
      store = await open();
    });

    it('lists the objects under a prefix in key order, with size, type and upload time', async () => {
      const prefix = 'attachments/EL-P1/DA-1/';
      expect(await store.evidence.list(prefix)).toEqual([]);
      const uploads = [
        [`${prefix}ATT-b/quote.pdf`, 'application/pdf', '%PDF-1.7 quote'],
        [`${prefix}ATT-B/rfq.csv`, 'text/csv', 'sku,qty\nSW-24,120\n'],
        [`${prefix}ATT-a/photo.png`, 'image/png', 'PNG bytes'],
        ['attachments/EL-P1/DA-10/ATT-a/other.pdf', 'application/pdf', '%PDF-1.7 other'],
      ] as const;
      const before = Date.now();
      for (const [key, contentType, text] of uploads) {
        const body = Buffer.from(text);
        const url = await store.evidence.presignPut({
          key,
          contentType,
          contentLength: body.length,
          expiresInSeconds: 300,
        });
        await store.upload(url, key, body, contentType);
      }

      const listed = await store.evidence.list(prefix);

      expect(listed.map(({ uploadedAt: _, ...object }) => object)).toEqual(
        [uploads[1], uploads[2], uploads[0]].map(([key, contentType, text]) => ({
          key,
          sizeBytes: Buffer.byteLength(text),
          contentType,
        })),
      );
      // S3 keeps upload times to the second.
      for (const { uploadedAt } of listed) {
        expect(Date.parse(uploadedAt)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
        expect(Date.parse(uploadedAt)).toBeLessThanOrEqual(Date.now());
      }
    });
  });
}
