import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ChannelFileKindName } from '../../domain/channel-files/channel-file';
import {
  type MappingProfileRecord,
  mappingProfileId,
} from '../../domain/channel-files/mapping-profile-use-cases';
import type { IngestReferenceData } from '../../domain/channel-files/ports';
import {
  defaultMappingProfile,
  type ProductLookup,
  type ProductRef,
} from '../../domain/ingestion/ingest-types';
import type { RecordStore } from '../../domain/master-data/ports';
import type { PartnerData } from '../../domain/partners/partner';

/**
 * Reference data for one ingest run, read once per file: the whole product catalog (thousands of items, so a
 * map in memory beats a lookup per line) and the partner's mapping profile, or our canonical one in the
 * partner's currency.
 */
export class DynamoIngestReferenceData implements IngestReferenceData {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly partners: RecordStore<PartnerData>,
    private readonly profiles: RecordStore<MappingProfileRecord>,
  ) {}

  async products(): Promise<ProductLookup> {
    const bySku = new Map<string, ProductRef>();
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': 'PRODUCTS' },
          ProjectionExpression: 'sku, category, baseUom, uomConversions',
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      for (const item of page.Items ?? []) bySku.set(String(item.sku), item as ProductRef);
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return { resolve: (sku) => bySku.get(sku) };
  }

  async mappingProfile(partnerId: string, kind: ChannelFileKindName) {
    const stored = await this.profiles.get(mappingProfileId(partnerId, kind));
    if (stored) return stored.profile;
    const partner = await this.partners.get(partnerId);
    const profile = defaultMappingProfile(kind);
    return partner ? { ...profile, defaultCurrency: partner.currency } : profile;
  }
}
