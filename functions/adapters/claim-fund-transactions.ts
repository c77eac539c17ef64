import type { Claim } from '../../domain/claims/claim';
import type { ClaimFundScope } from '../../domain/claims/claim-fund';
import type { ClaimMove } from '../../domain/claims/ports';
import type { LedgerPosting } from '../../domain/ledger/ledger-posting';
import { toMinorUnits } from '../../domain/shared/money/minor-units';
import { openMonthCheck, postingWrites } from './dynamo-accrual-ledger';
import { keyOfItem } from './dynamo-batch';
import { claimTransitionPut, newClaimPut } from './dynamo-claim-store';
import { claimFundKeys, claimReferenceKey, claimReservationKey } from './table-keys/claims';

/** The transactions of claim funds (see dynamo-claim-funds.ts): what each writes and under which condition. */

export const scopeOf = (claim: Claim): ClaimFundScope => ({
  partnerId: claim.partnerId,
  programId: claim.programId,
  period: claim.period,
  fund: claim.fund,
  currency: claim.currency,
});

/** A claim's line references, each once, in the order of their reservation items. */
export const referencesOf = (claim: Claim) => [...new Set(claim.lines.map((line) => line.reference))];

/**
 * A reservation's items, in this order: the fund's draws grow while drawn ≤ `limit`, then the reservation
 * and the claim (each must not exist), then one item per reference (`referencesOf`, each must not exist).
 */
export function reservationItems(tableName: string, claim: Claim, limit: bigint) {
  const scope = scopeOf(claim);
  const amount = toMinorUnits(claim.amountClaimed, claim.currency);
  const references = referencesOf(claim);
  return [
    {
      Update: {
        TableName: tableName,
        Key: keyOfItem(claimFundKeys(scope)),
        UpdateExpression:
          'SET gsi1pk = :gsi1pk, gsi1sk = :gsi1sk, programId = :programId, period = :period, ' +
          '#fund = :fund, currency = :currency, #type = :type ' +
          'ADD reservedMinor :amount, drawnMinor :amount, settledMinor :zero',
        ConditionExpression: 'attribute_not_exists(drawnMinor) OR drawnMinor <= :limit',
        ExpressionAttributeNames: { '#fund': 'fund', '#type': 'type' },
        ExpressionAttributeValues: {
          ...fundAttributes(scope),
          ':amount': amount,
          ':zero': 0,
          ':limit': limit,
        },
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: {
          ...claimReservationKey(scope, claim.claimId),
          type: 'ClaimReservation',
          claimId: claim.claimId,
          state: 'reserved',
          amountMinor: amount,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
    { Put: newClaimPut(tableName, claim) },
    ...references.map((reference) => ({
      Put: {
        TableName: tableName,
        Item: {
          ...claimReferenceKey(claim.partnerId, claim.programId, claim.period, reference),
          type: 'ClaimReference',
          reference,
          claimId: claim.claimId,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    })),
  ];
}

/** The items of a settlement's transaction. */
export type SettlementPart = 'reservation' | 'fund' | 'decision' | 'openMonth' | 'posting' | 'summary';

/**
 * One transaction's items, each named: the reservation ends (only if still held), the fund's draws move,
 * the decision is stored (if any) and the posting is written once into an open accounting month.
 */
export function settlementItems(
  tableName: string,
  claim: Claim,
  approved: bigint,
  posting: LedgerPosting | undefined,
  decision: ClaimMove | undefined,
): { part: SettlementPart; item: Record<string, unknown> }[] {
  const scope = scopeOf(claim);
  const claimed = toMinorUnits(claim.amountClaimed, claim.currency);
  return [
    {
      part: 'reservation',
      item: {
        Update: {
          TableName: tableName,
          Key: claimReservationKey(scope, claim.claimId),
          UpdateExpression: 'SET #state = :settled, approvedMinor = :approved',
          ConditionExpression: '#state = :reserved',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':settled': 'settled',
            ':reserved': 'reserved',
            ':approved': approved,
          },
        },
      },
    },
    {
      part: 'fund',
      item: {
        Update: {
          TableName: tableName,
          Key: keyOfItem(claimFundKeys(scope)),
          UpdateExpression: 'ADD reservedMinor :minusClaimed, settledMinor :approved, drawnMinor :change',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':minusClaimed': -claimed,
            ':approved': approved,
            ':change': approved - claimed,
          },
        },
      },
    },
    ...(decision === undefined
      ? []
      : [{ part: 'decision' as const, item: { Put: claimTransitionPut(tableName, decision) } }]),
    ...(posting === undefined
      ? []
      : [
          {
            part: 'openMonth' as const,
            item: openMonthCheck(tableName, posting.postedOn.slice(0, 7)),
          },
          // The posting first, then its summary update.
          ...postingWrites(tableName, [posting]).map((item, index) => ({
            part: index === 0 ? ('posting' as const) : ('summary' as const),
            item,
          })),
        ]),
  ];
}

function fundAttributes(scope: ClaimFundScope) {
  const keys = claimFundKeys(scope);
  return {
    ':gsi1pk': keys.gsi1pk,
    ':gsi1sk': keys.gsi1sk,
    ':programId': scope.programId,
    ':period': scope.period,
    ':fund': scope.fund,
    ':currency': scope.currency,
    ':type': 'ClaimFund',
  };
}
