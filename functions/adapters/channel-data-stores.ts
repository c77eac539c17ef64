import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { type ChannelFileData, channelFileStatuses } from '../../domain/channel-files/channel-file';
import { inFlightStatuses } from '../../domain/channel-files/file-recovery';
import type {
  MappingProfileId,
  MappingProfileRecord,
} from '../../domain/channel-files/mapping-profile-use-cases';
import type { PartnerSkuId, PartnerSkuRecord } from '../../domain/channel-files/partner-sku-use-cases';
import { channelFileKindSchema } from '../../domain/ingestion/channel-file-kind';
import { DynamoRecordStore, type RecordItemSpec } from './dynamo-record-store';
import { storedRecordSchema } from './read-back';
import {
  channelFileKey,
  channelFileListKey,
  inFlightFileIndexKey,
  mappingProfileKey,
  mappingProfileListKey,
  mappingProfilesPartition,
  partnerFilesPartition,
  partnerSkuKey,
  partnerSkuListKey,
  partnerSkusPartition,
} from './table-keys/channel-files';

/** A stored channel file, also read on its own by the in-flight index (dynamo-in-flight-files.ts). */
export const channelFileSchema = storedRecordSchema<ChannelFileData>()({
  fileId: z.string().min(1),
  partnerId: z.string().min(1),
  kind: channelFileKindSchema,
  status: z.enum(channelFileStatuses),
  objectKey: z.string().min(1),
});

const channelFileSpec: RecordItemSpec<ChannelFileData> = {
  type: 'ChannelFile',
  schema: channelFileSchema,
  keyOf: channelFileKey,
  idOf: (file) => file.fileId,
  listKeyOf: (file) => channelFileListKey(file.partnerId, file.fileId),
  listScope: (partnerId) => {
    if (partnerId === undefined) throw new Error('Channel files are listed per partner');
    return { gsi1pk: partnerFilesPartition(partnerId) };
  },
  indexKeysOf: (file) =>
    inFlightStatuses.includes(file.status) ? inFlightFileIndexKey(file.updatedAt, file.fileId) : undefined,
};

const mappingProfileSpec: RecordItemSpec<MappingProfileRecord, MappingProfileId> = {
  type: 'MappingProfile',
  schema: storedRecordSchema<MappingProfileRecord>()({
    partnerId: z.string().min(1),
    kind: channelFileKindSchema,
  }),
  keyOf: (id) => mappingProfileKey(id.partnerId, id.kind),
  idOf: (record) => ({ partnerId: record.partnerId, kind: record.kind }),
  // Profiles are read by partner and kind, never listed across partners.
  listKeyOf: (record) => mappingProfileListKey(record.partnerId, record.kind),
  listScope: (partnerId) => {
    if (partnerId === undefined) throw new Error('Mapping profiles are listed per partner');
    return { gsi1pk: mappingProfilesPartition(partnerId) };
  },
};

const partnerSkuSpec: RecordItemSpec<PartnerSkuRecord, PartnerSkuId> = {
  type: 'PartnerSku',
  schema: storedRecordSchema<PartnerSkuRecord>()({
    partnerId: z.string().min(1),
    partnerSku: z.string().min(1),
    sku: z.string().min(1),
  }),
  keyOf: (id) => partnerSkuKey(id.partnerId, id.partnerSku),
  idOf: (record) => ({ partnerId: record.partnerId, partnerSku: record.partnerSku }),
  listKeyOf: (record) => partnerSkuListKey(record.partnerId, record.partnerSku),
  listScope: (partnerId) => {
    if (partnerId === undefined) throw new Error('Partner SKUs are listed per partner');
    return { gsi1pk: partnerSkusPartition(partnerId) };
  },
};

export function channelDataStores(client: DynamoDBDocumentClient, tableName: string) {
  return {
    files: new DynamoRecordStore(client, tableName, channelFileSpec),
    mappingProfiles: new DynamoRecordStore(client, tableName, mappingProfileSpec),
    partnerSkus: new DynamoRecordStore(client, tableName, partnerSkuSpec),
  };
}
