import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand, paginateQuery } from '@aws-sdk/lib-dynamodb';
import type { Claim, ClaimStatus } from '../../domain/claims/claim';
import { claimSchema } from '../../domain/claims/claim-schema';
import type { ClaimStore } from '../../domain/claims/ports';
import { claimIndexKeys, claimKey, claimStatusPartition } from './table-keys';

// No `type` item attribute: a claim's own `type` (rebate, ...) has that name.
const storageAttributes = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'];

/** A claim as read back from its item, storage attributes removed and the rest validated. */
export function claimOfItem(item: Record<string, unknown>): Claim {
  const claim = { ...item };
  for (const attribute of storageAttributes) delete claim[attribute];
  return claimSchema.parse(claim);
}

/** The item a claim is stored as: its keys, its status index, its partner's and the all-claims listing. */
export function claimItem(claim: Claim): Record<string, unknown> {
  return { ...claim, ...claimKey(claim.claimId), ...claimIndexKeys(claim) };
}

/**
 * Claims in the single table (see table-keys.ts). Every write is conditional: `create` on the id being
 * free, `transition` on the stored status and version, so two racing actions on one claim have one effect.
 * `withStatus` reads the status index (gsi1), never a Scan; the index is eventually consistent, so a claim
 * that has just changed may still be listed under its old status (its conditional transition then fails).
 */
export class DynamoClaimStore implements ClaimStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(claimId: string): Promise<Claim | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: claimKey(claimId), ConsistentRead: true }),
    );
    return Item === undefined ? undefined : claimOfItem(Item);
  }

  create(claim: Claim): Promise<boolean> {
    return this.conditionalPut(claim, 'attribute_not_exists(pk)');
  }

  transition(next: Claim, expected: ClaimStatus): Promise<boolean> {
    return this.conditionalPut(
      next,
      'attribute_exists(pk) AND #status = :expected AND #version = :previous',
      {
        names: { '#status': 'status', '#version': 'version' },
        values: { ':expected': expected, ':previous': next.version - 1 },
      },
    );
  }

  async withStatus(status: ClaimStatus): Promise<Claim[]> {
    const claims: Claim[] = [];
    const pages = paginateQuery(
      { client: this.client },
      {
        TableName: this.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': claimStatusPartition(status) },
      },
    );
    for await (const page of pages) {
      for (const item of page.Items ?? []) claims.push(claimOfItem(item));
    }
    return claims;
  }

  private async conditionalPut(
    claim: Claim,
    condition: string,
    expression?: { names: Record<string, string>; values: Record<string, unknown> },
  ): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: claimItem(claimSchema.parse(claim)),
          ConditionExpression: condition,
          ...(expression === undefined
            ? {}
            : { ExpressionAttributeNames: expression.names, ExpressionAttributeValues: expression.values }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}
