import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Claim, ClaimStatus } from '../../domain/claims/claim';
import { claimSchema } from '../../domain/claims/claim-schema';
import type { ClaimFilter, ClaimMove, ClaimQueries, ClaimStore } from '../../domain/claims/ports';
import type { Page, PageRequest } from '../../domain/shared/ports';
import { putAllConditionally } from './conditional-puts';
import { getAll } from './dynamo-batch';
import {
  allItems,
  type ConditionExpression,
  getItem,
  type ItemFilter,
  pageMapped,
  partitionPage,
  putIf,
  storageStripper,
} from './table-access';
import {
  allClaimsPartition,
  claimIndexKeys,
  claimKey,
  claimStatusPartition,
  partnerClaimsPartition,
} from './table-keys/claims';

// No `type` item attribute: a claim's own `type` (rebate, ...) has that name.
const withoutStorage = storageStripper();

/** A claim as read back from its item, storage attributes removed and the rest validated. */
export function claimOfItem(item: Record<string, unknown>): Claim {
  return claimSchema.parse(withoutStorage(item));
}

/** A transition's condition: the stored claim is still in the status and at the version the move was made from. */
const transitionCondition = {
  expression: 'attribute_exists(pk) AND #status = :expected AND #version = :previous',
  of: (next: Claim, expected: ClaimStatus) => ({
    names: { '#status': 'status', '#version': 'version' },
    values: { ':expected': expected, ':previous': next.version - 1 },
  }),
};

/** A claim's move as a conditional put (one of a transaction's items, or a batch's). */
export function claimTransitionPut(tableName: string, { next, expected }: ClaimMove) {
  const { names, values } = transitionCondition.of(next, expected);
  return {
    TableName: tableName,
    Item: claimItem(claimSchema.parse(next)),
    ConditionExpression: transitionCondition.expression,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** The Put of a claim stored once: a transaction item (its id must be free), as `claimTransitionPut` for a move. */
export function newClaimPut(tableName: string, claim: Claim) {
  return {
    TableName: tableName,
    Item: claimItem(claimSchema.parse(claim)),
    ConditionExpression: 'attribute_not_exists(pk)',
  };
}

/** The item a claim is stored as: its keys, its status index, its partner's and the all-claims listing. */
export function claimItem(claim: Claim): Record<string, unknown> {
  return { ...claim, ...claimKey(claim.claimId), ...claimIndexKeys(claim) };
}

/**
 * Claims in the single table (see table-keys/claims.ts). Every write is conditional: `create` on the id being
 * free, `transition` on the stored status and version, so two racing actions on one claim have one effect.
 * `withStatus` reads the status index (gsi1), never a Scan; the index is eventually consistent, so a claim
 * that has just changed may still be listed under its old status (its conditional transition then fails).
 */
export class DynamoClaimStore implements ClaimStore, ClaimQueries {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(claimId: string): Promise<Claim | undefined> {
    const item = await getItem(this.client, this.tableName, claimKey(claimId));
    return item === undefined ? undefined : claimOfItem(item);
  }

  create(claim: Claim): Promise<boolean> {
    return this.conditionalPut(claim, 'attribute_not_exists(pk)');
  }

  transition(next: Claim, expected: ClaimStatus): Promise<boolean> {
    return this.conditionalPut(next, transitionCondition.expression, transitionCondition.of(next, expected));
  }

  /** A hundred moves to a transaction (payment batches move thousands of claims at once). */
  transitionAll(moves: readonly ClaimMove[]): Promise<boolean[]> {
    return putAllConditionally(
      this.client,
      moves.map((move) => claimTransitionPut(this.tableName, move)),
    );
  }

  async getAll(claimIds: readonly string[]): Promise<Map<string, Claim>> {
    const items = await getAll(this.client, this.tableName, claimIds.map(claimKey));
    const claims = [...items.values()].map(claimOfItem);
    return new Map(claims.map((claim) => [claim.claimId, claim]));
  }

  async withStatus(status: ClaimStatus): Promise<Claim[]> {
    const items = await allItems(this.client, this.tableName, {
      index: 'gsi1',
      partition: claimStatusPartition(status),
    });
    return items.map(claimOfItem);
  }

  /**
   * The narrowest index first: a partner's claims (gsi2), else one status (gsi1), else every claim (gsi3);
   * the other filters apply to what that index returns.
   */
  async list(filter: ClaimFilter, page: PageRequest): Promise<Page<Claim>> {
    const [index, partition] =
      filter.partnerId !== undefined
        ? (['gsi2', partnerClaimsPartition(filter.partnerId)] as const)
        : filter.status !== undefined
          ? (['gsi1', claimStatusPartition(filter.status)] as const)
          : (['gsi3', allClaimsPartition] as const);
    const byStatus = filter.status !== undefined && index !== 'gsi1';
    const conditions = [
      ...(byStatus ? ['#status = :status'] : []),
      ...(filter.programId === undefined ? [] : ['programId = :programId']),
    ];
    const itemFilter: ItemFilter = {
      expression: conditions.join(' AND '),
      ...(byStatus ? { names: { '#status': 'status' } } : {}),
      values: {
        ...(byStatus ? { ':status': filter.status } : {}),
        ...(filter.programId === undefined ? {} : { ':programId': filter.programId }),
      },
    };
    const found = await partitionPage(this.client, this.tableName, {
      index,
      partition,
      ...(conditions.length === 0 ? {} : { filter: itemFilter }),
      page,
    });
    return pageMapped(found, claimOfItem);
  }

  private conditionalPut(
    claim: Claim,
    condition: string,
    expression?: ConditionExpression,
  ): Promise<boolean> {
    return putIf(this.client, this.tableName, claimItem(claimSchema.parse(claim)), condition, expression);
  }
}
