import type { Actor } from '../access/actor';
import { requireRole } from '../access/policies';
import type { AccrualFund } from '../accruals/accrual-entry';
import { byText } from '../reports/report-figures';
import { BusinessRuleError } from '../shared/errors';
import { fromMinorUnits } from '../shared/money/minor-units';
import type { CurrencyCode } from '../shared/money/money';
import { availableToClaim, fundScopeKey } from './claim-fund';
import { type ClaimDeps, submitFor } from './submit-claim';

/** A beneficiary's fund the bulk call made no claim for, and why (a claim reason code, or one of two more). */
export interface SkippedBeneficiary {
  readonly partnerId: string;
  readonly fund: AccrualFund;
  readonly currency: CurrencyCode;
  /** `nothingAvailable`, `alreadyClaimed` or the first automatic-validation reason code. */
  readonly reason: string;
  readonly message: string;
}

export interface BulkClaimResult {
  readonly created: readonly {
    readonly claimId: string;
    readonly partnerId: string;
    readonly fund: AccrualFund;
    readonly currency: CurrencyCode;
    readonly amountClaimed: string;
  }[];
  readonly skipped: readonly SkippedBeneficiary[];
}

/**
 * System-generated claims: finance claims every beneficiary's available balance of one program period
 * ("pay every partner's earned rebate for March"). Main course: the program period's funds, per
 * beneficiary, fund and currency (each fund's credit and draws, read as a submit reads them, so the call
 * costs the same however many claims the period settled) → what is available to claim (net of pending
 * claims) → one claim per
 * positive balance, validated and reserved exactly as a partner's would be. Each claim's idempotency key
 * is the program period, fund and currency, so running it again creates nothing twice; a beneficiary
 * whose claim would fail validation is skipped with the reason, and nothing is stored for it.
 */
export async function submitBulkClaims(
  deps: ClaimDeps,
  actor: Actor,
  input: { readonly programId: string; readonly period: string },
): Promise<BulkClaimResult> {
  requireRole(actor, ['finance']);
  if ((await deps.programs.get(input.programId)) === undefined) {
    throw new BusinessRuleError(`there is no program '${input.programId}'`, [
      { path: 'programId', message: 'is not a program' },
    ]);
  }
  const balances = (await deps.claimFunds.periodBalances(input.programId, input.period)).sort((a, b) =>
    byText(fundScopeKey(a.scope), fundScopeKey(b.scope)),
  );
  const created: BulkClaimResult['created'][number][] = [];
  const skipped: SkippedBeneficiary[] = [];
  for (const { scope, credited, draws } of balances) {
    const skip = (reason: string, message: string) =>
      skipped.push({
        partnerId: scope.partnerId,
        fund: scope.fund,
        currency: scope.currency,
        reason,
        message,
      });
    const idempotencyKey = `bulk:${input.programId}:${input.period}:${scope.fund}:${scope.currency}`;
    const existing = await deps.claims.get(deps.claimIdFor(scope.partnerId, idempotencyKey));
    if (existing !== undefined) {
      skip('alreadyClaimed', `claim ${existing.claimId} was made for this period by an earlier bulk call`);
      continue;
    }
    // As a submit validates: settled draws are the claims posted (see submitFor).
    const available = availableToClaim({ credited, claimed: draws.settled }, draws);
    if (available <= 0n) {
      skip('nothingAvailable', `available to claim is ${fromMinorUnits(available, scope.currency)}`);
      continue;
    }
    const amount = fromMinorUnits(available, scope.currency);
    const { claim } = await submitFor(
      deps,
      actor,
      scope.partnerId,
      {
        type: 'rebate',
        programId: input.programId,
        period: input.period,
        fund: scope.fund,
        currency: scope.currency,
        lines: [
          { amount, reference: `SYSTEM-${input.period}-${scope.fund}-${scope.currency}`, evidence: [] },
        ],
      },
      { idempotencyKey, keepFailed: false },
    );
    const [failure] = claim.validationFailures;
    if (claim.status === 'validated') {
      created.push({
        claimId: claim.claimId,
        partnerId: scope.partnerId,
        fund: scope.fund,
        currency: scope.currency,
        amountClaimed: amount,
      });
    } else if (failure !== undefined) {
      skip(failure.code, failure.message);
    }
  }
  return { created, skipped };
}
