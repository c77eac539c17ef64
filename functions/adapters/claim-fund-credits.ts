import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { type ClaimFundScope, fundCreditsOf } from '../../domain/claims/claim-fund';
import { type LedgerPosting, ledgerPostingSchema } from '../../domain/ledger/ledger-posting';
import { minorOf } from './stored-minor-units';
import { allItems } from './table-access';
import { claimFundKeys } from './table-keys/claims';
import { ledgerPartition, ledgerPostingsPrefix } from './table-keys/ledger';

/**
 * A claim fund's credit (earned + adjustments) kept on its CLAIMFUND item, so that validating a claim reads
 * the fund's whole balance in one GetItem however many claims and payments the checkbook has posted:
 * `creditedMinor` and `creditPostings` (a count) grow with every posting that credits the fund, in the
 * posting's own transaction; `creditBaseMinor` is what the fund's postings held when the item first got it.
 * credited = creditBaseMinor + creditedMinor. Items from before these attributes lack `creditBaseMinor`:
 * their credit is summed from the ledger once and the base stored (see `establishedFundCredit`).
 */

/** The transaction items adding `postings`' credit to their funds: one per fund credited (none for claims). */
export function claimFundCreditUpdates(tableName: string, postings: readonly LedgerPosting[]) {
  return fundCreditsOf(postings).map(({ scope, credited, postings: count }) => {
    const { pk, sk } = claimFundKeys(scope);
    return {
      Update: {
        TableName: tableName,
        Key: { pk, sk },
        UpdateExpression: 'SET #type = :type ADD creditedMinor :credited, creditPostings :count',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':type': 'ClaimFund', ':credited': credited, ':count': count },
      },
    };
  });
}

/** The credit a fund item holds, or undefined when the item predates `creditBaseMinor` (or does not exist). */
export function creditOfFundItem(item: Record<string, unknown> | undefined): bigint | undefined {
  if (item?.creditBaseMinor === undefined) return undefined;
  return minorOf(item.creditBaseMinor) + minorOf(item.creditedMinor);
}

/** Σ credit of one fund's postings, read consistently from the program period's ledger partition. */
export async function creditFromLedger(
  client: DynamoDBDocumentClient,
  tableName: string,
  scope: ClaimFundScope,
): Promise<bigint> {
  const items = await allItems(client, tableName, {
    partition: ledgerPartition(scope.programId, scope.period),
    sortKey: { beginsWith: ledgerPostingsPrefix },
    filter: {
      expression:
        'beneficiaryPartnerId = :partner AND #fund = :fund AND currency = :currency AND #kind IN (:accrual, :trueUp, :adjustment)',
      names: { '#fund': 'fund', '#kind': 'kind' },
      values: {
        ':partner': scope.partnerId,
        ':fund': scope.fund,
        ':currency': scope.currency,
        ':accrual': 'accrual',
        ':trueUp': 'trueUp',
        ':adjustment': 'adjustment',
      },
    },
    consistent: true,
  });
  const postings = items.map((item) => ledgerPostingSchema.parse(item));
  return fundCreditsOf(postings)[0]?.credited ?? 0n;
}

/**
 * The credit of a fund whose item (`item`, read consistently before this) has no `creditBaseMinor` yet:
 * summed from its postings, and the base stored so that later reads need no ledger. The base is written
 * only while `creditPostings` is still the count read with `item`: a posting committed after that read
 * (whether or not the sum saw it) fails the condition, and the next claim tries again. The sum is returned
 * either way: it is the ledger as of now, as exact as the checkbook.
 */
export async function establishedFundCredit(
  client: DynamoDBDocumentClient,
  tableName: string,
  scope: ClaimFundScope,
  item: Record<string, unknown> | undefined,
): Promise<bigint> {
  const credited = await creditFromLedger(client, tableName, scope);
  const seenCount = item?.creditPostings;
  const { pk, sk } = claimFundKeys(scope);
  try {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk, sk },
        UpdateExpression: 'SET creditBaseMinor = :base, #type = :type',
        ConditionExpression: `attribute_not_exists(creditBaseMinor) AND ${
          seenCount === undefined ? 'attribute_not_exists(creditPostings)' : 'creditPostings = :seen'
        }`,
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':base': credited - minorOf(item?.creditedMinor),
          ':type': 'ClaimFund',
          ...(seenCount === undefined ? {} : { ':seen': seenCount }),
        },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  return credited;
}
