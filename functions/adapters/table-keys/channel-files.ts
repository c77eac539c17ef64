import type { ItemKey, ListIndexKey } from './item-key';

/**
 * Channel files as received, and the partner reference data their ingestion reads (mapping profiles, SKU
 * cross-references).
 *
 * | item              | pk                     | sk                          | gsi1pk                    | gsi1sk                  |
 * |-------------------|------------------------|-----------------------------|---------------------------|-------------------------|
 * | mapping profile   | PARTNER#<partnerId>    | MAPPING#<kind>              | MAPPINGS#<partnerId>      | <kind>                  |
 * | partner SKU xref  | PARTNER#<partnerId>    | PARTNERSKU#<partnerSku>     | PARTNERSKUS#<partnerId>   | <partnerSku>            |
 * | channel file      | FILE#<fileId>          | FILE                        | PARTNERFILES#<partnerId>  | <fileId> (time-ordered) |
 * | file fingerprint  | FILEHASH#<p>#<sha256>  | FILEHASH                    |                           |                         |
 *
 * Channel files in flight (received or processing) also carry gsi2 = INGESTING / <updatedAt>#<fileId>: a
 * sparse index of the few files being ingested, whose updatedAt is the ingest heartbeat (every checkpoint
 * rewrites the record). The reconciler finds stalled files there.
 *
 * Access patterns (numbered across the table):
 * 6. a partner's files, newest last                             → Query gsi1 PARTNERFILES#<p>
 * 12. a partner's SKU cross-references (one per partner SKU)    → Query gsi1 PARTNERSKUS#<p>
 * 19. files in flight (received/processing) not updated since t → Query gsi2 INGESTING, gsi2sk < t
 */

export const mappingProfileKey = (partnerId: string, kind: string): ItemKey => ({
  pk: `PARTNER#${partnerId}`,
  sk: `MAPPING#${kind}`,
});
/** Profiles are read by partner and kind; the index keeps one partner's profiles together. */
export const mappingProfilesPartition = (partnerId: string) => `MAPPINGS#${partnerId}`;
export const mappingProfileListKey = (partnerId: string, kind: string): ListIndexKey => ({
  gsi1pk: mappingProfilesPartition(partnerId),
  gsi1sk: kind,
});

export const partnerSkuKey = (partnerId: string, partnerSku: string): ItemKey => ({
  pk: `PARTNER#${partnerId}`,
  sk: `PARTNERSKU#${partnerSku}`,
});
export const partnerSkuListKey = (partnerId: string, partnerSku: string): ListIndexKey => ({
  gsi1pk: `PARTNERSKUS#${partnerId}`,
  gsi1sk: partnerSku,
});
export const partnerSkusPartition = (partnerId: string) => `PARTNERSKUS#${partnerId}`;

export const channelFileKey = (fileId: string): ItemKey => ({ pk: `FILE#${fileId}`, sk: 'FILE' });
export const partnerFilesPartition = (partnerId: string) => `PARTNERFILES#${partnerId}`;
export const channelFileListKey = (partnerId: string, fileId: string): ListIndexKey => ({
  gsi1pk: partnerFilesPartition(partnerId),
  gsi1sk: fileId,
});

export const inFlightFilesPartition = 'INGESTING';
export const inFlightFileIndexKey = (updatedAt: string, fileId: string) => ({
  gsi2pk: inFlightFilesPartition,
  gsi2sk: `${updatedAt}#${fileId}`,
});

export const fileFingerprintKey = (partnerId: string, sha256: string): ItemKey => ({
  pk: `FILEHASH#${partnerId}#${sha256}`,
  sk: 'FILEHASH',
});
