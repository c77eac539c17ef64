import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { FileFingerprints } from '../../domain/channel-files/ports';
import { fileFingerprintKey } from './table-keys/channel-files';

/**
 * First file to claim a partner's content hash owns it; later claims learn the owner (conditional put). The
 * domain decides when an owner no longer blocks its bytes; `takeOver` then moves the claim, conditionally on
 * the owner read, so two files taking over at once end with one owner.
 */
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
      return this.owner(key);
    }
  }

  async takeOver(partnerId: string, sha256: string, fromFileId: string, toFileId: string): Promise<string> {
    const key = fileFingerprintKey(partnerId, sha256);
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET fileId = :to',
          ConditionExpression: 'fileId = :from',
          ExpressionAttributeValues: { ':from': fromFileId, ':to': toFileId },
        }),
      );
      return toFileId;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      return this.owner(key);
    }
  }

  private async owner(key: ReturnType<typeof fileFingerprintKey>): Promise<string> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
    );
    return String(Item?.fileId);
  }
}
