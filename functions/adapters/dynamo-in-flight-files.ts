import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ChannelFileData } from '../../domain/channel-files/channel-file';
import type { InFlightFiles } from '../../domain/channel-files/ports';
import type { Stored } from '../../domain/shared/ports';
import { storedRecord } from './dynamo-record-store';
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
    const { Items = [] } = await this.client.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :before',
        ExpressionAttributeValues: { ':pk': inFlightFilesPartition, ':before': before },
        Limit: limit,
      }),
    );
    return Items.map((item) => storedRecord<ChannelFileData>(item));
  }
}
