import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Page, PageRequest } from '../../domain/shared/ports';
import {
  type DebitAuthorization,
  debitAuthorizationSchema,
} from '../../domain/ship-and-debit/debit-authorization';
import type {
  DebitAuthorizationStore,
  PlannedQuantityReservation,
  ShipAndDebitClaimSaveOutcome,
  ShipAndDebitClaimStore,
} from '../../domain/ship-and-debit/ports';
import type { ShipAndDebitClaim } from '../../domain/ship-and-debit/ship-and-debit-claim';
import { shipAndDebitClaimSchema } from '../../domain/ship-and-debit/ship-and-debit-claim-schema';
import { getAll, itemKeyId } from './dynamo-batch';
import { billBackOffsetUpdate } from './dynamo-ship-and-debit-bill-backs';
import { readBack } from './read-back';
import { allItems, getItem, pageMapped, partitionPage, putIf, storageStripper } from './table-access';
import {
  allDebitAuthorizationsPartition,
  allShipAndDebitClaimsPartition,
  debitAuthorizationKeys,
  debitAuthorizationLineKey,
  debitAuthorizationPartition,
  partnerDebitAuthorizationsPartition,
  partnerShipAndDebitClaimsPartition,
  shipAndDebitClaimKey,
  shipAndDebitClaimKeys,
  shipAndDebitClaimNumberKey,
  shipAndDebitInvoiceLineKey,
} from './table-keys/ship-and-debit';
import { retryOnTransactionConflict } from './transaction-conflicts';

type Item = Record<string, unknown>;
const withoutStorage = storageStripper('type', 'itemVersion');

const authorizationType = 'DebitAuthorization';
const authorizationLineType = 'DebitAuthorizationLine';

/** What a header's read needs before the whole authorization is parsed: its lines' products. */
const headerLinesSchema = z.looseObject({ lines: z.array(z.looseObject({ productSku: z.string().min(1) })) });

/**
 * The authorization of a header item and its line items (`items` may hold others): the header keeps terms and
 * history, each line item the quantity claims draw on (`remainingQuantity`), which is the one read back.
 */
function authorizationOf(header: Item, items: readonly Item[]): DebitAuthorization {
  const remaining = new Map(
    items
      .filter((item) => item.type === authorizationLineType)
      .map((item) => [String(item.productSku), Number(item.remainingQuantity)]),
  );
  const stored = readBack(headerLinesSchema, header, withoutStorage);
  return readBack(debitAuthorizationSchema, header, () => ({
    ...stored,
    lines: stored.lines.map((line) => ({
      ...line,
      remainingQuantity: remaining.get(line.productSku) ?? line.remainingQuantity,
    })),
  }));
}

const requestedAtOf = (authorization: DebitAuthorization) => authorization.requestedAt ?? '';

/**
 * Debit authorizations in DynamoDB (access patterns 32-33 in table-keys/ship-and-debit.ts): one header item with terms
 * and history, and once approved one item per line holding its remaining quantity, which claims move in
 * their own transactions (`DynamoShipAndDebitClaimStore.save`) and amendments move by the change of cap.
 */
export class DynamoDebitAuthorizationStore implements DebitAuthorizationStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(authorizationNumber: string): Promise<DebitAuthorization | undefined> {
    const items = await allItems(this.client, this.tableName, {
      partition: debitAuthorizationPartition(authorizationNumber),
      consistent: true,
    });
    const header = items.find((item) => item.type === authorizationType);
    return header === undefined ? undefined : authorizationOf(header, items);
  }

  async getAll(authorizationNumbers: readonly string[]): Promise<Map<string, DebitAuthorization>> {
    const found = new Map<string, DebitAuthorization>();
    await Promise.all(
      [...new Set(authorizationNumbers)].map(async (number) => {
        const authorization = await this.get(number);
        if (authorization !== undefined) found.set(number, authorization);
      }),
    );
    return found;
  }

  create(authorization: DebitAuthorization): Promise<boolean> {
    return putIf(this.client, this.tableName, this.headerItem(authorization), 'attribute_not_exists(pk)');
  }

  async replace(previous: DebitAuthorization, next: DebitAuthorization): Promise<boolean> {
    const header = {
      Put: {
        TableName: this.tableName,
        Item: this.headerItem(next),
        ConditionExpression: 'version = :version',
        ExpressionAttributeValues: { ':version': previous.version },
      },
    };
    try {
      await retryOnTransactionConflict(() =>
        this.client.send(
          new TransactWriteCommand({ TransactItems: [header, ...this.lineMoves(previous, next)] }),
        ),
      );
      return true;
    } catch (error) {
      if (error instanceof TransactionCanceledException) return false;
      throw error;
    }
  }

  /**
   * What an approval or amendment does to the line items. Approval creates them, remaining = cap. An
   * amendment moves each line's remaining by the change of its cap (`remaining + newCap − oldCap`), only while
   * the stored cap is the old one and the result is not negative, whatever claims took since the read; a line
   * dropped is deleted only while nothing was claimed on it.
   */
  private lineMoves(previous: DebitAuthorization, next: DebitAuthorization) {
    const claimable = next.status === 'approved' || next.status === 'amended';
    if (!claimable) return [];
    const number = next.authorizationNumber;
    const before = new Map(
      previous.status === 'requested' ? [] : previous.lines.map((line) => [line.productSku, line]),
    );
    const moves: Record<string, unknown>[] = [];
    for (const line of next.lines) {
      const old = before.get(line.productSku);
      const key = debitAuthorizationLineKey(number, line.productSku);
      if (old === undefined) {
        moves.push({
          Put: {
            TableName: this.tableName,
            Item: {
              ...key,
              type: authorizationLineType,
              productSku: line.productSku,
              quantityCap: line.quantityCap,
              remainingQuantity: line.quantityCap,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      } else if (old.quantityCap !== line.quantityCap) {
        const delta = line.quantityCap - old.quantityCap;
        moves.push({
          Update: {
            TableName: this.tableName,
            Key: key,
            UpdateExpression: 'SET quantityCap = :cap, remainingQuantity = remainingQuantity + :delta',
            ConditionExpression: 'quantityCap = :oldCap AND remainingQuantity >= :least',
            ExpressionAttributeValues: {
              ':cap': line.quantityCap,
              ':delta': delta,
              ':oldCap': old.quantityCap,
              ':least': Math.max(0, -delta),
            },
          },
        });
      }
    }
    const kept = new Set(next.lines.map((line) => line.productSku));
    for (const old of before.values()) {
      if (kept.has(old.productSku)) continue;
      moves.push({
        Delete: {
          TableName: this.tableName,
          Key: debitAuthorizationLineKey(number, old.productSku),
          ConditionExpression: 'remainingQuantity = quantityCap',
        },
      });
    }
    return moves;
  }

  async list(partnerId: string | undefined, page: PageRequest): Promise<Page<DebitAuthorization>> {
    const [index, partition]: ['gsi1' | 'gsi2', string] =
      partnerId === undefined
        ? ['gsi2', allDebitAuthorizationsPartition]
        : ['gsi1', partnerDebitAuthorizationsPartition(partnerId)];
    const found = await partitionPage(this.client, this.tableName, { index, partition, page });
    // The index holds headers only; their lines' remaining quantities are read with them.
    const lineKeys = found.items.flatMap((item) =>
      ((item.lines ?? []) as { productSku: string }[]).map((line) =>
        debitAuthorizationLineKey(String(item.authorizationNumber), line.productSku),
      ),
    );
    const lines = await getAll(this.client, this.tableName, lineKeys);
    return pageMapped(found, (item) => {
      const own = [...lines.values()].filter((line) => line.pk === item.pk);
      return authorizationOf(item, own);
    });
  }

  private headerItem(authorization: DebitAuthorization): Item {
    return {
      ...authorization,
      ...debitAuthorizationKeys({ ...authorization, requestedAt: requestedAtOf(authorization) }),
      type: authorizationType,
    };
  }
}

const claimType = 'ShipAndDebitClaim';

/**
 * Ship & debit claims in DynamoDB (access patterns 34-36): one item per claim, and beside it one item per
 * invoice line it holds and one for its claim number, all written in the claim's one transaction together
 * with its quantity reservations on the authorization lines (access pattern 32) and the bill-backs it nets
 * (access pattern 38).
 */
export class DynamoShipAndDebitClaimStore implements ShipAndDebitClaimStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(claimId: string): Promise<ShipAndDebitClaim | undefined> {
    const Item = await getItem(this.client, this.tableName, shipAndDebitClaimKey(claimId));
    return Item?.type === claimType ? shipAndDebitClaimSchema.parse(withoutStorage(Item)) : undefined;
  }

  async holderOfClaimNumber(partnerId: string, claimNumber: string): Promise<string | undefined> {
    const Item = await getItem(
      this.client,
      this.tableName,
      shipAndDebitClaimNumberKey(partnerId, claimNumber),
    );
    return Item === undefined ? undefined : String(Item.claimId);
  }

  async claimedInvoiceLines(partnerId: string, keys: readonly string[]): Promise<Set<string>> {
    const byItem = new Map(keys.map((key) => [itemKeyId(shipAndDebitInvoiceLineKey(partnerId, key)), key]));
    const found = await getAll(
      this.client,
      this.tableName,
      keys.map((key) => shipAndDebitInvoiceLineKey(partnerId, key)),
    );
    return new Set([...found.keys()].flatMap((id) => byItem.get(id) ?? []));
  }

  async save(
    claim: ShipAndDebitClaim,
    reservations: readonly PlannedQuantityReservation[],
    invoiceLineKeys: readonly string[],
  ): Promise<ShipAndDebitClaimSaveOutcome> {
    const table = this.tableName;
    const holds = { claimId: claim.claimId };
    const items = [
      {
        Put: {
          TableName: table,
          Item: { ...claim, ...shipAndDebitClaimKeys(claim), type: claimType },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Put: {
          TableName: table,
          Item: {
            ...shipAndDebitClaimNumberKey(claim.partnerId, claim.claimNumber),
            type: 'ShipAndDebitClaimNumber',
            ...holds,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      ...reservations.map((reservation) => ({
        Update: {
          TableName: table,
          Key: debitAuthorizationLineKey(reservation.authorizationNumber, reservation.productSku),
          UpdateExpression: 'SET remainingQuantity = :after',
          // Exactly what validation read: if a concurrent claim took units, this claim is validated again.
          ConditionExpression: 'remainingQuantity = :read AND remainingQuantity >= :quantity',
          ExpressionAttributeValues: {
            ':read': reservation.expectedRemaining,
            ':after': reservation.expectedRemaining - reservation.quantity,
            ':quantity': reservation.quantity,
          },
        },
      })),
      ...invoiceLineKeys.map((key) => ({
        Put: {
          TableName: table,
          Item: {
            ...shipAndDebitInvoiceLineKey(claim.partnerId, key),
            type: 'ShipAndDebitInvoiceLine',
            ...holds,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      })),
      ...(claim.billBackOffsets ?? []).map((offset) =>
        billBackOffsetUpdate(table, offset.billBackId, claim.claimId),
      ),
    ];
    try {
      await retryOnTransactionConflict(() =>
        this.client.send(new TransactWriteCommand({ TransactItems: items })),
      );
      return { kind: 'saved' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const failed = (index: number) => error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';
      if (failed(1)) return { kind: 'claimNumberTaken' };
      const reservationsEnd = 2 + reservations.length;
      for (let index = 2; index < reservationsEnd; index++)
        if (failed(index)) return { kind: 'remainingChanged' };
      const invoiceLinesEnd = reservationsEnd + invoiceLineKeys.length;
      for (let index = reservationsEnd; index < invoiceLinesEnd; index++)
        if (failed(index)) return { kind: 'invoiceLineTaken' };
      for (let index = invoiceLinesEnd; index < items.length; index++)
        if (failed(index)) return { kind: 'billBackTaken' };
      throw error;
    }
  }

  async list(partnerId: string | undefined, page: PageRequest): Promise<Page<ShipAndDebitClaim>> {
    const [index, partition]: ['gsi1' | 'gsi2', string] =
      partnerId === undefined
        ? ['gsi2', allShipAndDebitClaimsPartition]
        : ['gsi1', partnerShipAndDebitClaimsPartition(partnerId)];
    const found = await partitionPage(this.client, this.tableName, { index, partition, page });
    return pageMapped(found, (item) => shipAndDebitClaimSchema.parse(withoutStorage(item)));
  }
}
