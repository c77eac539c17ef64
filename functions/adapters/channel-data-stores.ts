import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChannelFileData } from '../../domain/channel-files/channel-file';
import {
  type MappingProfileRecord,
  mappingProfileId,
} from '../../domain/channel-files/mapping-profile-use-cases';
import { DynamoRecordStore, type RecordItemSpec } from './dynamo-record-store';
import { channelFileKey, channelFileListKey, mappingProfileKey } from './table-keys';

const channelFileSpec: RecordItemSpec<ChannelFileData> = {
  type: 'ChannelFile',
  keyOf: channelFileKey,
  idOf: (file) => file.fileId,
  listKeyOf: (file) => channelFileListKey(file.partnerId, file.fileId),
  listScope: (partnerId) => {
    if (partnerId === undefined) throw new Error('Channel files are listed per partner');
    return { gsi1pk: `PARTNERFILES#${partnerId}` };
  },
};

const mappingProfileSpec: RecordItemSpec<MappingProfileRecord> = {
  type: 'MappingProfile',
  keyOf: (id) => {
    const [partnerId = '', kind = ''] = id.split('/');
    return mappingProfileKey(partnerId, kind);
  },
  idOf: (record) => mappingProfileId(record.partnerId, record.kind),
  // Profiles are read by partner and kind, never listed across partners.
  listKeyOf: (record) => ({ gsi1pk: `MAPPINGS#${record.partnerId}`, gsi1sk: record.kind }),
  listScope: (partnerId) => ({ gsi1pk: `MAPPINGS#${partnerId}` }),
};

export function channelDataStores(client: DynamoDBDocumentClient, tableName: string) {
  return {
    files: new DynamoRecordStore(client, tableName, channelFileSpec),
    mappingProfiles: new DynamoRecordStore(client, tableName, mappingProfileSpec),
  };
}
