import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { claimSchema } from '../../domain/claims/claim-schema';
import { drawnOf, type Fund, type FundBalances } from '../../domain/funds/fund';
import { dueOn, type FundRequest, isOpen } from '../../domain/funds/fund-request';
import {
  fundClaimSchema,
  fundMovementSchema,
  fundRequestSchema,
  storedFundSchema,
} from '../../domain/funds/fund-schemas';
import type {
  CommitOutcome,
  FundClaimFilter,
  FundMovement,
  FundStore,
  FundTransaction,
} from '../../domain/funds/ports';
import { type FundClaim, fundClaimStatuses } from '../../domain/funds/proof-of-performance';
import type { IsoDate } from '../../domain/shared/iso-date';
import { claimItem } from './dynamo-claim-store';
import { allItems, getItem, putIf } from './table-access';
import { claimFundKeys } from './table-keys/claims';
import {
  allFundsPartition,
  expiringFundsPartition,
  fundClaimIndexKeys,
  fundClaimKey,
  fundClaimStatusPartition,
  fundClaimsPartition,
  fundIndexKeys,
  fundKey,
  fundMovementKey,
  fundMovementPrefix,
  fundRequestIndexKeys,
  fundRequestKey,
  fundRequestsPartition,
  openFundRequestsPartition,
  partnerFundClaimsPartition,
  partnerFundRequestsPartition,
  partnerFundsPartition,
} from './table-keys/funds';
import { retryOnTransactionConflict } from './transaction-conflicts';

const storageAttributes = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk', 'type'];
const balanceAttributes = ['allocatedMinor', 'reservedMinor', 'claimedMinor', 'expiredMinor', 'drawnMinor'];

function withoutStorage(
  item: Record<string, unknown>,
  also: readonly string[] = [],
): Record<string, unknown> {
  const record = { ...item };
  for (const attribute of [...storageAttributes, ...also]) delete record[attribute];
  return record;
}

/** Minor units as DynamoDB returns them: a number, or a bigint beyond 2^53. */
const minorOf = (value: unknown): bigint =>
  typeof value === 'number' || typeof value === 'bigint' ? BigInt(value) : 0n;

function fundOfItem(item: Record<string, unknown>): Fund {
  const balances: FundBalances = {
    allocated: minorOf(item.allocatedMinor),
    reserved: minorOf(item.reservedMinor),
    claimed: minorOf(item.claimedMinor),
    expired: minorOf(item.expiredMinor),
  };
  return { ...storedFundSchema.parse(withoutStorage(item, balanceAttributes)), balances };
}

const requestOfItem = (item: Record<string, unknown>) => fundRequestSchema.parse(withoutStorage(item));
const claimOfItem = (item: Record<string, unknown>) => fundClaimSchema.parse(withoutStorage(item));

function requestItem(request: FundRequest): Record<string, unknown> {
  return {
    ...fundRequestSchema.parse(request),
    ...fundRequestKey(request.requestId),
    ...fundRequestIndexKeys(request, isOpen(request.status) ? dueOn(request) : undefined),
    type: 'FundRequest',
  };
}

function fundClaimItem(claim: FundClaim): Record<string, unknown> {
  return {
    ...fundClaimSchema.parse(claim),
    ...fundClaimKey(claim.fundClaimId),
    ...fundClaimIndexKeys(claim),
    type: 'FundClaim',
  };
}

function movementItem(movement: FundMovement): Record<string, unknown> {
  return {
    ...fundMovementSchema.parse(movement),
    ...fundMovementKey(movement.fundId, movement.movementId),
    type: 'FundMovement',
  };
}

/**
 * Funds in the single table (see table-keys/funds.ts, access patterns 40–45). A fund item holds its balances as
 * integers of the minor unit (allocatedMinor, reservedMinor, claimedMinor, expiredMinor and drawnMinor =
 * reserved + claimed + expired). Every change is one TransactWrite: the fund's `ADD` under its conditions
 * (status; drawnMinor ≤ limit for a reservation), the request and claim puts under their status and version,
 * the settlement claim and the movements under `attribute_not_exists`. DynamoDB serialises transactions on
 * an item, so no interleaving of concurrent approvals can overdraw a fund.
 */
export class DynamoFundStore implements FundStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createFund(fund: Fund, allocation: FundMovement): Promise<boolean> {
    const { balances, ...fields } = fund;
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: {
                  ...storedFundSchema.parse(fields),
                  ...fundKey(fund.fundId),
                  ...fundIndexKeys(fund),
                  type: 'Fund',
                  allocatedMinor: balances.allocated,
                  reservedMinor: balances.reserved,
                  claimedMinor: balances.claimed,
                  expiredMinor: balances.expired,
                  drawnMinor: drawnOf(balances),
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.tableName,
                Item: movementItem(allocation),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }

  async getFund(fundId: string): Promise<Fund | undefined> {
    const item = await this.get(fundKey(fundId));
    return item === undefined ? undefined : fundOfItem(item);
  }

  async listFunds(partnerId: string | undefined): Promise<Fund[]> {
    const items =
      partnerId === undefined
        ? await this.query('gsi2', allFundsPartition)
        : await this.query('gsi1', partnerFundsPartition(partnerId));
    return items.map(fundOfItem);
  }

  async fundsExpiringBefore(date: IsoDate): Promise<Fund[]> {
    const items = await this.query('gsi3', expiringFundsPartition, { before: date });
    return items.map(fundOfItem);
  }

  async movementsOf(fundId: string): Promise<FundMovement[]> {
    const items = await allItems(this.client, this.tableName, {
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': fundKey(fundId).pk, ':prefix': fundMovementPrefix },
    });
    return items
      .map((item) => fundMovementSchema.parse(withoutStorage(item)))
      .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  }

  createRequest(request: FundRequest): Promise<boolean> {
    return putIf(this.client, this.tableName, requestItem(request), 'attribute_not_exists(pk)');
  }

  async getRequest(requestId: string): Promise<FundRequest | undefined> {
    const item = await this.get(fundRequestKey(requestId));
    return item === undefined ? undefined : requestOfItem(item);
  }

  async listRequests(filter: {
    readonly partnerId?: string | undefined;
    readonly fundId?: string | undefined;
  }): Promise<FundRequest[]> {
    if (filter.fundId !== undefined) {
      const items = await this.query('gsi2', fundRequestsPartition(filter.fundId));
      return items
        .map(requestOfItem)
        .filter((request) => filter.partnerId === undefined || request.partnerId === filter.partnerId);
    }
    if (filter.partnerId !== undefined) {
      return (await this.query('gsi1', partnerFundRequestsPartition(filter.partnerId))).map(requestOfItem);
    }
    const funds = await this.listFunds(undefined);
    const perFund = await Promise.all(
      funds.map((fund) => this.query('gsi2', fundRequestsPartition(fund.fundId))),
    );
    return perFund
      .flat()
      .map(requestOfItem)
      .sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : 1));
  }

  async requestsDueBefore(date: IsoDate): Promise<FundRequest[]> {
    return (await this.query('gsi3', openFundRequestsPartition, { before: date })).map(requestOfItem);
  }

  async getClaim(fundClaimId: string): Promise<FundClaim | undefined> {
    const item = await this.get(fundClaimKey(fundClaimId));
    return item === undefined ? undefined : claimOfItem(item);
  }

  async listClaims(filter: FundClaimFilter): Promise<FundClaim[]> {
    let items: Record<string, unknown>[];
    if (filter.fundId !== undefined) items = await this.query('gsi2', fundClaimsPartition(filter.fundId));
    else if (filter.partnerId !== undefined)
      items = await this.query('gsi1', partnerFundClaimsPartition(filter.partnerId));
    else {
      const statuses = filter.status === undefined ? fundClaimStatuses : [filter.status];
      items = (
        await Promise.all(statuses.map((status) => this.query('gsi3', fundClaimStatusPartition(status))))
      ).flat();
    }
    return items
      .map(claimOfItem)
      .filter(
        (claim) =>
          (filter.partnerId === undefined || claim.partnerId === filter.partnerId) &&
          (filter.status === undefined || claim.status === filter.status),
      )
      .sort((a, b) => (a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : 0));
  }

  async commit(transaction: FundTransaction): Promise<CommitOutcome> {
    return retryOnTransactionConflict(() => this.commitOnce(transaction));
  }

  private async commitOnce(transaction: FundTransaction): Promise<CommitOutcome> {
    const { fund, checkbook, request, fundClaim, settlementClaim, movements } = transaction;
    if (fund.limit !== undefined && fund.limit < 0n) return 'insufficientFunds';
    if (checkbook?.limit !== undefined && checkbook.limit < 0n) return 'insufficientFunds';
    const drawn = fund.delta.reserved + fund.delta.claimed + fund.delta.expired;
    const conditions = ['attribute_exists(pk)', '#status = :expectedStatus'];
    const values: Record<string, unknown> = {
      ':expectedStatus': fund.expectedStatus,
      ':reserved': fund.delta.reserved,
      ':claimed': fund.delta.claimed,
      ':expired': fund.delta.expired,
      ':drawn': drawn,
    };
    if (fund.limit !== undefined) {
      conditions.push('drawnMinor <= :limit');
      values[':limit'] = fund.limit;
    }
    if (fund.expectedDrawn !== undefined) {
      conditions.push('drawnMinor = :expectedDrawn');
      values[':expectedDrawn'] = fund.expectedDrawn;
    }
    let update =
      'ADD reservedMinor :reserved, claimedMinor :claimed, expiredMinor :expired, drawnMinor :drawn';
    if (fund.nextStatus !== undefined) {
      update = `SET #status = :nextStatus ${update}`;
      values[':nextStatus'] = fund.nextStatus;
      // The expiry index lists active funds only.
      if (fund.nextStatus !== 'active') update += ' REMOVE gsi3pk, gsi3sk';
    }
    const versioned = (expected: string, version: number) => ({
      ConditionExpression: 'attribute_exists(pk) AND #status = :expected AND #version = :previous',
      ExpressionAttributeNames: { '#status': 'status', '#version': 'version' },
      ExpressionAttributeValues: { ':expected': expected, ':previous': version - 1 },
    });
    const items = [
      {
        Update: {
          TableName: this.tableName,
          Key: fundKey(fund.fundId),
          UpdateExpression: update,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: values,
        },
      },
      ...(checkbook === undefined ? [] : [this.checkbookUpdate(checkbook)]),
      ...(request === undefined
        ? []
        : [
            {
              Put: {
                TableName: this.tableName,
                Item: requestItem(request.next),
                ...versioned(request.expected, request.next.version),
              },
            },
          ]),
      ...(fundClaim === undefined
        ? []
        : [
            {
              Put: {
                TableName: this.tableName,
                Item: fundClaimItem(fundClaim.next),
                ...(fundClaim.expected === null
                  ? { ConditionExpression: 'attribute_not_exists(pk)' }
                  : versioned(fundClaim.expected, fundClaim.next.version)),
              },
            },
          ]),
      ...(settlementClaim === undefined
        ? []
        : [
            {
              Put: {
                TableName: this.tableName,
                Item: claimItem(claimSchema.parse(settlementClaim)),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ]),
      ...movements.map((movement) => ({
        Put: {
          TableName: this.tableName,
          Item: movementItem(movement),
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      })),
    ];
    try {
      await this.client.send(new TransactWriteCommand({ TransactItems: items }));
      return 'committed';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (reasons.some((reason) => reason.Code === 'TransactionConflict')) throw error;
      if (!reasons.some((reason) => reason.Code === 'ConditionalCheckFailed')) throw error;
      // The co-op checkbook's condition is the limit alone: rebate or co-op claims took the balance.
      if (checkbook?.limit !== undefined && reasons[1]?.Code === 'ConditionalCheckFailed')
        return 'insufficientFunds';
      if (reasons[0]?.Code === 'ConditionalCheckFailed' && fund.limit !== undefined) {
        // Only the limit refuses a fund still in the status expected: then the balance is short.
        const current = await this.getFund(fund.fundId);
        if (current?.status === fund.expectedStatus && drawnOf(current.balances) > fund.limit)
          return 'insufficientFunds';
      }
      return 'conflict';
    }
  }

  /**
   * The claim-fund item of an accrual fund's co-op checkbook (the one DynamoClaimFunds reserves claims on):
   * its draws move with the fund, under its `drawnMinor ≤ limit` rule when reserving.
   */
  private checkbookUpdate(checkbook: NonNullable<FundTransaction['checkbook']>) {
    const keys = claimFundKeys(checkbook.scope);
    return {
      Update: {
        TableName: this.tableName,
        Key: { pk: keys.pk, sk: keys.sk },
        UpdateExpression:
          'SET gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, programId = :programId, period = :period, ' +
          '#fund = :fund, currency = :currency, #type = :type ' +
          'ADD reservedMinor :reserved, settledMinor :settled, drawnMinor :drawn',
        ...(checkbook.limit === undefined
          ? {}
          : { ConditionExpression: 'attribute_not_exists(drawnMinor) OR drawnMinor <= :limit' }),
        ExpressionAttributeNames: { '#fund': 'fund', '#type': 'type' },
        ExpressionAttributeValues: {
          ':gsi1pk': keys.gsi1pk,
          ':gsi1sk': keys.gsi1sk,
          ':programId': checkbook.scope.programId,
          ':period': checkbook.scope.period,
          ':fund': checkbook.scope.fund,
          ':currency': checkbook.scope.currency,
          ':type': 'ClaimFund',
          ':reserved': checkbook.reserved,
          ':settled': checkbook.settled,
          ':drawn': checkbook.reserved + checkbook.settled,
          ...(checkbook.limit === undefined ? {} : { ':limit': checkbook.limit }),
        },
      },
    };
  }

  private get(key: { pk: string; sk: string }) {
    return getItem(this.client, this.tableName, key);
  }

  private query(
    index: 'gsi1' | 'gsi2' | 'gsi3',
    partition: string,
    range: { readonly before?: string } = {},
  ): Promise<Record<string, unknown>[]> {
    return allItems(this.client, this.tableName, {
      IndexName: index,
      KeyConditionExpression:
        range.before === undefined ? `${index}pk = :pk` : `${index}pk = :pk AND ${index}sk < :before`,
      ExpressionAttributeValues: {
        ':pk': partition,
        ...(range.before === undefined ? {} : { ':before': range.before }),
      },
    });
  }
}
