import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { FileFingerprints } from '../../domain/channel-files/ports';
import { fileFingerprintKey } from './table-keys';

/** First file to claim a partner's content hash owns it; later claims learn the owner (conditional put). */
export class DynamoFileFingerprints implements FileFingerprints {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async claim(partnerId: string, sha256: string, fileId: string): Promise<string> {
    const key = fileFingerprintKey(partnerId, sha256);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, type: 'FileFingerprint', partnerId, sha256, fileId },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return fileId;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
      );
      return String(Item?.fileId);
    }
  }
}
