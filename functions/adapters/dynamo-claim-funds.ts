import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Claim } from '../../domain/claims/claim';
import { type ClaimFundDraws, type ClaimFundScope, noDraws } from '../../domain/claims/claim-fund';
import { claimSchema } from '../../domain/claims/claim-schema';
import type {
  ClaimFundBalance,
  ClaimFundPosition,
  ClaimFundScopedBalance,
  ClaimFundStanding,
  ClaimFunds,
  ClaimMove,
  ReservationOutcome,
} from '../../domain/claims/ports';
import { ClosedPeriodError } from '../../domain/ledger/accounting-period';
import { accrualFundSchema, type LedgerPosting, periodLabelSchema } from '../../domain/ledger/ledger-posting';
import type { LiabilitySummary } from '../../domain/reports/liability-summary';
import { toMinorUnits } from '../../domain/shared/money/minor-units';
import { currencyCodeSchema } from '../../domain/shared/money/money';
import {
  creditFromLedger,
  creditOfFundItem,
  establishedFundCredit,
  fundCreditsCompleteKey,
} from './claim-fund-credits';
import { openMonthCheck, postingWrites } from './dynamo-accrual-ledger';
import { getAll, itemKeyId } from './dynamo-batch';
import { claimItem, claimTransitionPut } from './dynamo-claim-store';
import { DynamoLiabilitySummaries } from './dynamo-liability-summaries';
import { minorOf } from './stored-minor-units';
import { allItems } from './table-access';
import {
  claimFundKeys,
  claimFundsPartition,
  claimReferenceKey,
  claimReservationKey,
} from './table-keys/claims';
import { transactWrite } from './transact-write';
import { retryOnTransactionConflict } from './transaction-conflicts';

// Transactions hold at most 100 items: the fund, the reservation, the claim and one reference per line
// (claimRequestSchema allows maxClaimLines = 50).
const maxTransactionItems = 100;

const scopeOf = (claim: Claim): ClaimFundScope => ({
  partnerId: claim.partnerId,
  programId: claim.programId,
  period: claim.period,
  fund: claim.fund,
  currency: claim.currency,
});

function drawsOfItem(item: Record<string, unknown> | undefined): ClaimFundDraws {
  if (item === undefined) return noDraws;
  return {
    reserved: minorOf(item.reservedMinor),
    settled: minorOf(item.settledMinor),
    drawn: minorOf(item.drawnMinor),
  };
}

/** The scope a FUND item states about itself; read-back is validated. */
const fundScopeSchema = z.object({
  programId: z.string().min(1),
  period: periodLabelSchema,
  fund: accrualFundSchema,
  currency: currencyCodeSchema,
});

/**
 * Claim funds in the single table (see table-keys/claims.ts): one FUND item per partner, program period, fund and
 * currency holding reservedMinor, settledMinor and drawnMinor (= reserved + settled) and the fund's credit
 * (see claim-fund-credits.ts), and one RESERVATION
 * item per claim. A reservation is one transaction: the fund's `ADD drawnMinor` under the condition
 * drawnMinor ≤ limit, the reservation, the claim and its line references (each must not exist). DynamoDB
 * serialises transactions on an item, so concurrent claims against one fund can never overdraw it. A
 * settlement is one transaction too: the reservation's end, the fund's draws and the claim's ledger posting.
 */
export class DynamoClaimFunds implements ClaimFunds {
  private readonly summaries: DynamoLiabilitySummaries;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.summaries = new DynamoLiabilitySummaries(client, tableName);
  }

  /** Once seen, the fund credit upgrade stays complete: later reads leave its item out. */
  private upgraded = false;

  async draws(scope: ClaimFundScope): Promise<ClaimFundDraws> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keyOf(claimFundKeys(scope)), ConsistentRead: true }),
    );
    return drawsOfItem(Item);
  }

  /** One consistent read of the fund item; an item from before it kept its credit may have it summed once. */
  async balance(scope: ClaimFundScope): Promise<ClaimFundBalance> {
    const key = keyOf(claimFundKeys(scope));
    const { found, upgraded } = await this.getWithUpgrade([key]);
    return this.balanceOfItem(scope, found.get(itemKeyId(key)), upgraded);
  }

  /**
   * `keys` read in one consistent BatchGet, with the fund credit upgrade's completion item until it has
   * been seen (no extra request: the claim path reads its fund with other keys anyway). `upgraded` says
   * whether it had completed before these items were read: a read racing the completion is not told so by
   * another call's answer, since its items may predate the bases. (Were a fund item of the batch read before
   * its base was written, the credit would read short: a claim refused, never a fund overdrawn.)
   */
  private async getWithUpgrade(keys: readonly { pk: string; sk: string }[]) {
    const seenBefore = this.upgraded;
    const found = await getAll(this.client, this.tableName, [
      ...keys,
      ...(seenBefore ? [] : [fundCreditsCompleteKey]),
    ]);
    const upgraded = seenBefore || found.has(itemKeyId(fundCreditsCompleteKey));
    if (upgraded) this.upgraded = true;
    return { found, upgraded };
  }

  /**
   * The period's beneficiaries and currencies from its liability summaries (one item each, whatever the
   * postings), then the fund items of each (every fund kind) in consistent BatchGets. An item without its
   * credit base has it established once, as a submit would; a fund without an item (every posting older than
   * the items' credit) is summed from the ledger only when its grain's summary credits more than its items.
   */
  async periodBalances(programId: string, period: string): Promise<ClaimFundScopedBalance[]> {
    const grains = await this.summaries.ofPeriod(programId, period);
    // Each grain's fund scopes (one per fund kind) with their item keys.
    const scopesOf = (grain: LiabilitySummary) =>
      accrualFundSchema.options.map((fund) => {
        const scope: ClaimFundScope = {
          partnerId: grain.partnerId,
          programId,
          period,
          fund,
          currency: grain.currency,
        };
        return { scope, key: keyOf(claimFundKeys(scope)) };
      });
    const keyed = grains.map((grain) => ({ grain, scopes: scopesOf(grain) }));
    const { found, upgraded } = await this.getWithUpgrade(
      keyed.flatMap(({ scopes }) => scopes.map(({ key }) => key)),
    );
    const ofGrain = async ({ grain, scopes: keyedScopes }: (typeof keyed)[number]) => {
      const scopes = keyedScopes.map(({ scope, key }) => ({ scope, item: found.get(itemKeyId(key)) }));
      const held = await Promise.all(
        scopes.flatMap(({ scope, item }) =>
          item === undefined
            ? []
            : [this.balanceOfItem(scope, item, upgraded).then((balance) => ({ scope, ...balance }))],
        ),
      );
      const summed = held.reduce((sum, { credited }) => sum + credited, 0n);
      if (summed === grain.sums.earned + grain.sums.adjustments) return held;
      const itemless = await Promise.all(
        scopes
          .filter(({ item }) => item === undefined)
          .map(async ({ scope }) => ({
            scope,
            credited: await creditFromLedger(this.client, this.tableName, scope),
            draws: noDraws,
          })),
      );
      return [...held, ...itemless.filter(({ credited }) => credited !== 0n)];
    };
    return (await Promise.all(keyed.map(ofGrain))).flat();
  }

  async positionsOf(partnerId: string): Promise<ClaimFundPosition[]> {
    const items = await allItems(this.client, this.tableName, {
      index: 'gsi1',
      partition: claimFundsPartition(partnerId),
    });
    return items.map((item) => ({ partnerId, ...fundScopeSchema.parse(item), ...drawsOfItem(item) }));
  }

  /**
   * One consistent BatchGet of the fund item (its credit and draws) and the claim's reference items (at most
   * 51 keys of 100). A fund item from before it kept its credit has it summed from the ledger, once.
   */
  async fundAndReferences(claim: Claim): Promise<ClaimFundStanding> {
    const references = [...new Set(claim.lines.map((line) => line.reference))];
    const fundKey = keyOf(claimFundKeys(scopeOf(claim)));
    const referenceKeys = references.map((reference) =>
      claimReferenceKey(claim.partnerId, claim.programId, claim.period, reference),
    );
    const { found, upgraded } = await this.getWithUpgrade([fundKey, ...referenceKeys]);
    const referenceHolders = new Map<string, string>();
    for (const [index, reference] of references.entries()) {
      const key = referenceKeys[index];
      const item = key === undefined ? undefined : found.get(itemKeyId(key));
      if (item !== undefined) referenceHolders.set(reference, String(item.claimId));
    }
    const balance = await this.balanceOfItem(scopeOf(claim), found.get(itemKeyId(fundKey)), upgraded);
    return { ...balance, referenceHolders };
  }

  /**
   * The credit and draws a fund item holds; unless the upgrade had completed when it was read (`upgraded`),
   * an item without its credit has it established from the ledger once.
   */
  private async balanceOfItem(
    scope: ClaimFundScope,
    item: Record<string, unknown> | undefined,
    upgraded: boolean,
  ): Promise<ClaimFundBalance> {
    const credited =
      creditOfFundItem(item, upgraded) ??
      (await establishedFundCredit(this.client, this.tableName, scope, item));
    return { credited, draws: drawsOfItem(item) };
  }

  async reserve(claim: Claim, limit: bigint): Promise<ReservationOutcome> {
    if (limit < 0n) return { kind: 'insufficientFunds' };
    return retryOnTransactionConflict(() => this.reserveOnce(claim, limit));
  }

  private async reserveOnce(claim: Claim, limit: bigint): Promise<ReservationOutcome> {
    if (claim.lines.length > maxTransactionItems - 3) {
      throw new Error(
        `a claim holds at most ${maxTransactionItems - 3} lines, ${claim.claimId} has ${claim.lines.length}`,
      );
    }
    const scope = scopeOf(claim);
    const amount = toMinorUnits(claim.amountClaimed, claim.currency);
    const references = [...new Set(claim.lines.map((line) => line.reference))];
    try {
      await transactWrite(this.client, [
        {
          Update: {
            TableName: this.tableName,
            Key: keyOf(claimFundKeys(scope)),
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
            TableName: this.tableName,
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
        {
          Put: {
            TableName: this.tableName,
            Item: claimItem(claimSchema.parse(claim)),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...references.map((reference) => ({
          Put: {
            TableName: this.tableName,
            Item: {
              ...claimReferenceKey(claim.partnerId, claim.programId, claim.period, reference),
              type: 'ClaimReference',
              reference,
              claimId: claim.claimId,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        })),
      ]);
      return { kind: 'reserved' };
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const failed = (index: number) => error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed';
      if (failed(1) || failed(2)) return { kind: 'claimExists' };
      const taken = references.filter((_, index) => failed(index + 3));
      if (taken.length > 0) return { kind: 'duplicateReferences', references: taken };
      if (failed(0)) return { kind: 'insufficientFunds' };
      throw error;
    }
  }

  async settle(
    claim: Claim,
    approved: bigint,
    posting: LedgerPosting | undefined,
    decision?: ClaimMove,
  ): Promise<boolean> {
    const items = this.settlementItems(claim, approved, posting, decision);
    try {
      await retryOnTransactionConflict(() =>
        transactWrite(
          this.client,
          items.map(({ item }) => item),
        ),
      );
      return true;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const failed = (part: SettlementPart) =>
        error.CancellationReasons?.[items.findIndex((each) => each.part === part)]?.Code ===
        'ConditionalCheckFailed';
      // The claim moved on (a retried step whose write committed, or a racing action): nothing written.
      if (failed('decision')) return false;
      // The reservation is settled already: a retry of a settlement that committed, posting and all.
      if (failed('reservation') && decision === undefined) return true;
      if (posting !== undefined && failed('openMonth')) {
        throw new ClosedPeriodError(posting.postedOn.slice(0, 7));
      }
      // Posted, reservation still held: a claim half settled when posting and release were two writes.
      if (failed('posting')) return this.settle(claim, approved, undefined, decision);
      throw error;
    }
  }

  /**
   * One transaction's items, each named: the reservation ends (only if still held), the fund's draws move,
   * the decision is stored (if any) and the posting is written once into an open accounting month.
   */
  private settlementItems(
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
            TableName: this.tableName,
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
            TableName: this.tableName,
            Key: keyOf(claimFundKeys(scope)),
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
        : [{ part: 'decision' as const, item: { Put: claimTransitionPut(this.tableName, decision) } }]),
      ...(posting === undefined
        ? []
        : [
            {
              part: 'openMonth' as const,
              item: openMonthCheck(this.tableName, posting.postedOn.slice(0, 7)),
            },
            // The posting first, then its summary update.
            ...postingWrites(this.tableName, [posting]).map((item, index) => ({
              part: index === 0 ? ('posting' as const) : ('summary' as const),
              item,
            })),
          ]),
    ];
  }
}

/** The items of a settlement's transaction. */
type SettlementPart = 'reservation' | 'fund' | 'decision' | 'openMonth' | 'posting' | 'summary';

const keyOf = (keys: { pk: string; sk: string }) => ({ pk: keys.pk, sk: keys.sk });

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
