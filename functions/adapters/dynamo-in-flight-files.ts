import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ChannelFileData } from '../../domain/channel-files/channel-file';
import type { InFlightFiles } from '../../domain/channel-files/ports';
import type { Stored } from '../../domain/shared/ports';
import { channelFileSchema } from './channel-data-stores';
import { storedRecord } from './dynamo-record-store';
import { partitionPage } from './table-access';
import { inFlightFilesPartition } from './table-keys/channel-files';

/**
 * Files whose ingest is in flight, oldest progress first, from the sparse gsi2 partition only such files
 * carry (access pattern 19 in table-keys/channel-files.ts): a Query, never a Scan.
 */
export class DynamoInFlightFiles implements InFlightFiles {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async notUpdatedSince(before: string, limit: number): Promise<readonly Stored<ChannelFileData>[]> {
    const { items } = await partitionPage(this.client, this.tableName, {
      index: 'gsi2',
      partition: inFlightFilesPartition,
      sortKey: { below: before },
      page: { limit },
    });
    return items.map((item) => storedRecord(channelFileSchema, item));
  }
}
