import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import {
  canonicalProfileFor,
  type MappingProfileId,
  type MappingProfileRecord,
} from '../../domain/channel-files/mapping-profile-use-cases';
import type { IngestReferenceData } from '../../domain/channel-files/ports';
import type { ChannelFileKind } from '../../domain/ingestion/channel-file-kind';
import type { ProductLookup, ProductRef } from '../../domain/ingestion/ingest-types';
import type { PartnerData } from '../../domain/partners/partner';
import type { RecordStore } from '../../domain/shared/ports';
import { storedRecord } from './dynamo-record-store';
import { allItems } from './table-access';
import { partnerSkusPartition } from './table-keys/channel-files';
import { productsPartition } from './table-keys/master-data';

/** A product as the ingest reads it (the projection below). */
const productRefSchema: z.ZodType<ProductRef> = z.object({
  sku: z.string().min(1),
  category: z.string(),
  baseUom: z.string().min(1),
  uomConversions: z.array(z.object({ uom: z.string(), factor: z.string() })),
});

/**
 * Reference data for one ingest run, read once per file: the whole product catalog and the partner's SKU
 * cross-references (thousands of items, so maps in memory beat a lookup per line), and the partner's mapping
 * profile, or our canonical one in the partner's currency.
 */
export class DynamoIngestReferenceData implements IngestReferenceData {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly partners: RecordStore<PartnerData>,
    private readonly profiles: RecordStore<MappingProfileRecord, MappingProfileId>,
  ) {}

  async products(partnerId: string): Promise<ProductLookup> {
    const bySku = new Map<string, ProductRef>();
    for (const item of await this.queryAll(productsPartition, [
      'sku',
      'category',
      'baseUom',
      'uomConversions',
    ])) {
      bySku.set(String(item.sku), storedRecord(productRefSchema, item));
    }
    const byPartnerSku = new Map<string, ProductRef>();
    for (const item of await this.queryAll(partnerSkusPartition(partnerId), ['partnerSku', 'sku'])) {
      const product = bySku.get(String(item.sku));
      if (product !== undefined) byPartnerSku.set(String(item.partnerSku), product);
    }
    return {
      resolve: (sku) => bySku.get(sku),
      // A partner column often carries our SKU when no cross-reference exists yet.
      resolvePartnerSku: (partnerSku) => byPartnerSku.get(partnerSku) ?? bySku.get(partnerSku),
    };
  }

  private queryAll(gsi1pk: string, projection: readonly string[]) {
    return allItems(this.client, this.tableName, { index: 'gsi1', partition: gsi1pk, projection });
  }

  async mappingProfile(partnerId: string, kind: ChannelFileKind) {
    const stored = await this.profiles.get({ partnerId, kind });
    if (stored) return stored.profile;
    return canonicalProfileFor(kind, await this.partners.get(partnerId));
  }
}
