import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  type ClaimFundScope,
  type FundCreditDelta,
  fundCreditKinds,
  fundCreditsOf,
  fundScopeKey,
} from '../../domain/claims/claim-fund';
import { type LedgerPosting, ledgerPostingSchema } from '../../domain/ledger/ledger-posting';
import { getAll, inParallel, itemKeyId, keyOfItem } from './dynamo-batch';
import { minorOf } from './stored-minor-units';
import { allItems } from './table-access';
import { claimFundKeys } from './table-keys/claims';
import { ledgerPartition, ledgerPostingsPrefix } from './table-keys/ledger';
import { upgradeCompleteKey } from './table-keys/upgrades';

/**
 * A claim fund's credit (earned + adjustments) kept on its CLAIMFUND item, so that validating a claim reads
 * the fund's whole balance in one GetItem however many claims and payments the checkbook has posted:
 * `creditedMinor` and `creditPostings` (a count) grow with every posting that credits the fund, in the
 * posting's own transaction; `creditBaseMinor` is what the fund's postings held when the item first got it.
 * credited = creditBaseMinor + creditedMinor. Items from before these attributes lack `creditBaseMinor`:
 * until the upgrade (fund-credit-backfill.ts) has given every such fund its base, a fund item without one has
 * its credit summed from the ledger once and the base stored (see `establishedFundCredit`).
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

/** The upgrade job establishing every legacy fund's `creditBaseMinor` (see fund-credit-backfill.ts). */
export const fundCreditJob = 'fund-credit-base';

/** The item saying every fund with postings from before the credit has its base (read with a claim's fund). */
export const fundCreditsCompleteKey = upgradeCompleteKey(fundCreditJob);

/**
 * The credit a fund item holds, or undefined when it must be summed from the ledger: the item predates
 * `creditBaseMinor` (or does not exist) and the upgrade has not completed. Once it has (`upgraded`), every fund
 * with postings from before the credit has its base, so a fund item without one has had all its postings
 * counted in `creditedMinor`, and a fund without an item has no postings.
 */
export function creditOfFundItem(
  item: Record<string, unknown> | undefined,
  upgraded: boolean,
): bigint | undefined {
  if (item?.creditBaseMinor === undefined) return upgraded ? minorOf(item?.creditedMinor) : undefined;
  return minorOf(item.creditBaseMinor) + minorOf(item.creditedMinor);
}

const kindValues = fundCreditKinds.map((_, index) => `:creditKind${index}`);

/** The filter condition of a posting item whose kind credits a fund. */
export const creditingPostings = {
  expression: `#kind IN (${kindValues.join(', ')})`,
  names: { '#kind': 'kind' },
  values: Object.fromEntries(fundCreditKinds.map((kind, index) => [kindValues[index], kind])),
};

/**
 * What the postings of a program period credit each fund with (only `only`'s when given), read consistently
 * from the period's ledger partition.
 */
export async function ledgerCredits(
  client: DynamoDBDocumentClient,
  tableName: string,
  programId: string,
  period: string,
  only?: ClaimFundScope,
): Promise<FundCreditDelta[]> {
  const items = await allItems(client, tableName, {
    partition: ledgerPartition(programId, period),
    sortKey: { beginsWith: ledgerPostingsPrefix },
    filter: {
      expression: [
        creditingPostings.expression,
        ...(only === undefined
          ? []
          : ['beneficiaryPartnerId = :partner AND #fund = :fund AND currency = :currency']),
      ].join(' AND '),
      names: { ...creditingPostings.names, ...(only === undefined ? {} : { '#fund': 'fund' }) },
      values: {
        ...creditingPostings.values,
        ...(only === undefined
          ? {}
          : { ':partner': only.partnerId, ':fund': only.fund, ':currency': only.currency }),
      },
    },
    consistent: true,
  });
  return fundCreditsOf(items.map((item) => ledgerPostingSchema.parse(item)));
}

/** Σ credit of one fund's postings, read consistently from the program period's ledger partition. */
export async function creditFromLedger(
  client: DynamoDBDocumentClient,
  tableName: string,
  scope: ClaimFundScope,
): Promise<bigint> {
  const [credits] = await ledgerCredits(client, tableName, scope.programId, scope.period, scope);
  return credits?.credited ?? 0n;
}

/**
 * Stores a fund's base from `credited`, its ledger sum read after `item` (read consistently): only while
 * `creditPostings` is still the count read with `item`, since a posting committed after that read (whether or
 * not the sum saw it) would make the base wrong. Whether the base was stored.
 */
async function storeCreditBase(
  client: DynamoDBDocumentClient,
  tableName: string,
  scope: ClaimFundScope,
  item: Record<string, unknown> | undefined,
  credited: bigint,
): Promise<boolean> {
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
    return true;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    return false;
  }
}

/**
 * The credit of a fund whose item (`item`, read consistently before this) has no `creditBaseMinor` yet:
 * summed from its postings, and the base stored so that later reads need no ledger (unless a posting came
 * in between: the next claim tries again). The sum is returned either way: it is the ledger as of now, as
 * exact as the checkbook.
 */
export async function establishedFundCredit(
  client: DynamoDBDocumentClient,
  tableName: string,
  scope: ClaimFundScope,
  item: Record<string, unknown> | undefined,
): Promise<bigint> {
  const credited = await creditFromLedger(client, tableName, scope);
  await storeCreditBase(client, tableName, scope, item, credited);
  return credited;
}

/** Attempts per program period before the upgrade gives up on funds that keep being posted to. */
const establishAttempts = 5;

/**
 * Gives every fund credited by a program period's postings its base, the upgrade's unit of work: the funds
 * are found in the ledger, their items read (consistently), then the ledger summed once for all and each
 * missing base stored under its posting-count condition; a fund posted to meanwhile is tried again. The
 * number of bases stored.
 */
export async function establishPeriodCredits(
  client: DynamoDBDocumentClient,
  tableName: string,
  programId: string,
  period: string,
): Promise<number> {
  const keyOf = (scope: ClaimFundScope) => keyOfItem(claimFundKeys(scope));
  let stored = 0;
  for (let attempt = 1; ; attempt++) {
    const funds = (await ledgerCredits(client, tableName, programId, period)).map(({ scope }) => scope);
    const items = await getAll(client, tableName, funds.map(keyOf));
    const itemOf = (scope: ClaimFundScope) => items.get(itemKeyId(keyOf(scope)));
    const missing = funds.filter((scope) => itemOf(scope)?.creditBaseMinor === undefined);
    if (missing.length === 0) return stored;
    const credits = new Map(
      (await ledgerCredits(client, tableName, programId, period)).map(({ scope, credited }) => [
        fundScopeKey(scope),
        credited,
      ]),
    );
    let postedMeanwhile = 0;
    await inParallel(missing, async (scope) => {
      const credited = credits.get(fundScopeKey(scope)) ?? 0n;
      if (await storeCreditBase(client, tableName, scope, itemOf(scope), credited)) stored++;
      else postedMeanwhile++;
    });
    if (postedMeanwhile === 0) return stored;
    if (attempt === establishAttempts) {
      throw new Error(
        `${postedMeanwhile} funds of ${programId} ${period} were posted to during each of ${establishAttempts} attempts to establish their credit base: run the upgrade again`,
      );
    }
  }
}
