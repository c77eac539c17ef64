import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChannelFileData } from '../../domain/channel-files/channel-file';
import { inFlightStatuses } from '../../domain/channel-files/file-recovery';
import {
  type MappingProfileRecord,
  mappingProfileId,
} from '../../domain/channel-files/mapping-profile-use-cases';
import { type PartnerSkuRecord, partnerSkuId } from '../../domain/channel-files/partner-sku-use-cases';
import { DynamoRecordStore, type RecordItemSpec } from './dynamo-record-store';
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

/** Splits `<partnerId>/<rest>` at the first slash: partner ids never hold one, the rest may. */
function splitPartnerId(id: string): [string, string] {
  const slash = id.indexOf('/');
  return slash < 0 ? [id, ''] : [id.slice(0, slash), id.slice(slash + 1)];
}

const channelFileSpec: RecordItemSpec<ChannelFileData> = {
  type: 'ChannelFile',
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

const mappingProfileSpec: RecordItemSpec<MappingProfileRecord> = {
  type: 'MappingProfile',
  keyOf: (id) => mappingProfileKey(...splitPartnerId(id)),
  idOf: (record) => mappingProfileId(record.partnerId, record.kind),
  // Profiles are read by partner and kind, never listed across partners.
  listKeyOf: (record) => mappingProfileListKey(record.partnerId, record.kind),
  listScope: (partnerId) => {
    if (partnerId === undefined) throw new Error('Mapping profiles are listed per partner');
    return { gsi1pk: mappingProfilesPartition(partnerId) };
  },
};

const partnerSkuSpec: RecordItemSpec<PartnerSkuRecord> = {
  type: 'PartnerSku',
  keyOf: (id) => partnerSkuKey(...splitPartnerId(id)),
  idOf: (record) => partnerSkuId(record.partnerId, record.partnerSku),
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
