import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { Claim } from '../../domain/claims/claim';
import { type ClaimFundDraws, type ClaimFundScope, noDraws } from '../../domain/claims/claim-fund';
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
import { currencyCodeSchema } from '../../domain/shared/money/money';
import {
  creditFromLedger,
  creditOfFundItem,
  establishedFundCredit,
  fundCreditsCompleteKey,
} from './claim-fund-credits';
import {
  referencesOf,
  reservationItems,
  type SettlementPart,
  scopeOf,
  settlementItems,
} from './claim-fund-transactions';
import { getAll, itemKeyId, keyOfItem } from './dynamo-batch';
import { DynamoLiabilitySummaries } from './dynamo-liability-summaries';
import { minorOf } from './stored-minor-units';
import { allItems } from './table-access';
import { claimFundKeys, claimFundsPartition, claimReferenceKey } from './table-keys/claims';
import { transactWrite } from './transact-write';
import { retryOnTransactionConflict } from './transaction-conflicts';

// Transactions hold at most 100 items: the fund, the reservation, the claim and one reference per line
// (claimRequestSchema allows maxClaimLines = 50).
const maxTransactionItems = 100;

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
      new GetCommand({
        TableName: this.tableName,
        Key: keyOfItem(claimFundKeys(scope)),
        ConsistentRead: true,
      }),
    );
    return drawsOfItem(Item);
  }

  /** One consistent read of the fund item; an item from before it kept its credit may have it summed once. */
  async balance(scope: ClaimFundScope): Promise<ClaimFundBalance> {
    const key = keyOfItem(claimFundKeys(scope));
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
        return { scope, key: keyOfItem(claimFundKeys(scope)) };
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
    const fundKey = keyOfItem(claimFundKeys(scopeOf(claim)));
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
    const references = referencesOf(claim);
    try {
      await transactWrite(this.client, reservationItems(this.tableName, claim, limit));
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
    const items = settlementItems(this.tableName, claim, approved, posting, decision);
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
}
