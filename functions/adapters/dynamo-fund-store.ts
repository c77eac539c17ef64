import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { drawnOf, type Fund } from '../../domain/funds/fund';
import type { FundRequest } from '../../domain/funds/fund-request';
import type {
  CommitOutcome,
  FundClaimFilter,
  FundMovement,
  FundStore,
  FundTransaction,
} from '../../domain/funds/ports';
import { type FundClaim, fundClaimStatuses } from '../../domain/funds/proof-of-performance';
import type { IsoDate } from '../../domain/shared/iso-date';
import {
  fundClaimOfItem,
  fundItem,
  fundOfItem,
  movementItem,
  movementOfItem,
  requestItem,
  requestOfItem,
} from './fund-items';
import { checkbookWriteIndex, fundTransactionWrites, fundWriteIndex } from './fund-transaction-writes';
import { allItems, getItem, putIf } from './table-access';
import {
  allFundsPartition,
  expiringFundsPartition,
  fundClaimKey,
  fundClaimStatusPartition,
  fundClaimsPartition,
  fundKey,
  fundMovementPrefix,
  fundRequestKey,
  fundRequestsPartition,
  openFundRequestsPartition,
  partnerFundClaimsPartition,
  partnerFundRequestsPartition,
  partnerFundsPartition,
} from './table-keys/funds';
import { retryOnTransactionConflict } from './transaction-conflicts';

/**
 * Listings merged from several partitions in the order one index would give them: by the sort key each
 * partition has (`<submittedAt>#<id>`), so ties of time go by id, not by which partition was read first.
 */
const bySubmission =
  <T extends { readonly submittedAt: string }>(idOf: (record: T) => string) =>
  (a: T, b: T) => {
    const [left, right] = [`${a.submittedAt}#${idOf(a)}`, `${b.submittedAt}#${idOf(b)}`];
    return left < right ? -1 : left > right ? 1 : 0;
  };

/**
 * Funds in the single table (see table-keys/funds.ts, access patterns 40–45). A fund item holds its balances as
 * integers of the minor unit (allocatedMinor, reservedMinor, claimedMinor, expiredMinor and drawnMinor =
 * reserved + claimed + expired). Every change is one TransactWrite (fund-transaction-writes.ts); DynamoDB
 * serialises transactions on an item, so no interleaving of concurrent approvals can overdraw a fund.
 */
export class DynamoFundStore implements FundStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async createFund(fund: Fund, allocation: FundMovement): Promise<boolean> {
    try {
      await this.client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: fundItem(fund),
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
      partition: fundKey(fundId).pk,
      sortKey: { beginsWith: fundMovementPrefix },
    });
    return items.map(movementOfItem).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
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
      .sort(bySubmission((request) => request.requestId));
  }

  async requestsDueBefore(date: IsoDate): Promise<FundRequest[]> {
    return (await this.query('gsi3', openFundRequestsPartition, { before: date })).map(requestOfItem);
  }

  async getClaim(fundClaimId: string): Promise<FundClaim | undefined> {
    const item = await this.get(fundClaimKey(fundClaimId));
    return item === undefined ? undefined : fundClaimOfItem(item);
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
      .map(fundClaimOfItem)
      .filter(
        (claim) =>
          (filter.partnerId === undefined || claim.partnerId === filter.partnerId) &&
          (filter.status === undefined || claim.status === filter.status),
      )
      .sort(bySubmission((claim) => claim.fundClaimId));
  }

  async commit(transaction: FundTransaction): Promise<CommitOutcome> {
    return retryOnTransactionConflict(() => this.commitOnce(transaction));
  }

  private async commitOnce(transaction: FundTransaction): Promise<CommitOutcome> {
    const { fund, checkbook } = transaction;
    if (fund.limit !== undefined && fund.limit < 0n) return 'insufficientFunds';
    if (checkbook?.limit !== undefined && checkbook.limit < 0n) return 'insufficientFunds';
    try {
      await this.client.send(
        new TransactWriteCommand({ TransactItems: fundTransactionWrites(this.tableName, transaction) }),
      );
      return 'committed';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (reasons.some((reason) => reason.Code === 'TransactionConflict')) throw error;
      if (!reasons.some((reason) => reason.Code === 'ConditionalCheckFailed')) throw error;
      // The co-op checkbook's condition is the limit alone: rebate or co-op claims took the balance.
      if (checkbook?.limit !== undefined && reasons[checkbookWriteIndex]?.Code === 'ConditionalCheckFailed')
        return 'insufficientFunds';
      if (reasons[fundWriteIndex]?.Code === 'ConditionalCheckFailed' && fund.limit !== undefined) {
        // Only the limit refuses a fund still in the status expected: then the balance is short.
        const current = await this.getFund(fund.fundId);
        if (current?.status === fund.expectedStatus && drawnOf(current.balances) > fund.limit)
          return 'insufficientFunds';
      }
      return 'conflict';
    }
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
      index,
      partition,
      ...(range.before === undefined ? {} : { sortKey: { below: range.before } }),
    });
  }
}
