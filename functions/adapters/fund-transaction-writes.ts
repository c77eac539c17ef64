import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { FundTransaction } from '../../domain/funds/ports';
import { newClaimPut } from './dynamo-claim-store';
import { fundClaimItem, movementItem, requestItem } from './fund-items';
import { claimFundKeys } from './table-keys/claims';
import { fundKey } from './table-keys/funds';

/**
 * The writes of one fund transaction, all in one TransactWrite: the fund's `ADD` under its conditions
 * (status; drawnMinor ≤ limit for a reservation; drawnMinor as read when expected), the co-op checkbook's
 * draws, the request and claim puts under their status and version, the settlement claim and the movements
 * under `attribute_not_exists`. DynamoDB serialises transactions on an item, so no interleaving of concurrent
 * approvals can overdraw a fund.
 */

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Where the fund's and the checkbook's writes stand, so a cancellation's reasons can be told apart. */
export const fundWriteIndex = 0;
export const checkbookWriteIndex = 1;

export function fundTransactionWrites(tableName: string, transaction: FundTransaction): TransactItem[] {
  const { fund, checkbook, request, fundClaim, settlementClaim, movements } = transaction;
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
  let update = 'ADD reservedMinor :reserved, claimedMinor :claimed, expiredMinor :expired, drawnMinor :drawn';
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
  return [
    {
      Update: {
        TableName: tableName,
        Key: fundKey(fund.fundId),
        UpdateExpression: update,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
      },
    },
    ...(checkbook === undefined ? [] : [checkbookUpdate(tableName, checkbook)]),
    ...(request === undefined
      ? []
      : [
          {
            Put: {
              TableName: tableName,
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
              TableName: tableName,
              Item: fundClaimItem(fundClaim.next),
              ...(fundClaim.expected === null
                ? { ConditionExpression: 'attribute_not_exists(pk)' }
                : versioned(fundClaim.expected, fundClaim.next.version)),
            },
          },
        ]),
    ...(settlementClaim === undefined ? [] : [{ Put: newClaimPut(tableName, settlementClaim) }]),
    ...movements.map((movement) => ({
      Put: {
        TableName: tableName,
        Item: movementItem(movement),
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    })),
  ];
}

/**
 * The claim-fund item of an accrual fund's co-op checkbook (the one DynamoClaimFunds reserves claims on):
 * its draws move with the fund, under its `drawnMinor ≤ limit` rule when reserving.
 */
function checkbookUpdate(
  tableName: string,
  checkbook: NonNullable<FundTransaction['checkbook']>,
): TransactItem {
  const keys = claimFundKeys(checkbook.scope);
  return {
    Update: {
      TableName: tableName,
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
