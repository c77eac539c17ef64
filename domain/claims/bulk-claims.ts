import type { Actor } from '../access/actor';
import { requireRole } from '../access/policies';
import type { AccrualLedger } from '../accrual-runs/ports';
import type { AccrualFund } from '../accruals/accrual-entry';
import { buildCheckbooks } from '../ledger/checkbook';
import type { LedgerReader } from '../ledger/ports';
import { BusinessRuleError } from '../shared/errors';
import { fromMinorUnits } from '../shared/money/minor-units';
import type { CurrencyCode } from '../shared/money/money';
import { availableToClaim, type ClaimFundScope, fundCredit } from './claim-fund';
import { type ClaimDeps, submitFor } from './submit-claim';

export interface BulkClaimDeps extends ClaimDeps {
  readonly ledger: LedgerReader & Pick<AccrualLedger, 'scope'>;
}

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
 * ("pay every partner's earned rebate for March"). Main course: the program period's ledger, per
 * beneficiary, fund and currency → what is available to claim (net of pending claims) → one claim per
 * positive balance, validated and reserved exactly as a partner's would be. Each claim's idempotency key
 * is the program period, fund and currency, so running it again creates nothing twice; a beneficiary
 * whose claim would fail validation is skipped with the reason, and nothing is stored for it.
 */
export async function submitBulkClaims(
  deps: BulkClaimDeps,
  actor: Actor,
  input: { readonly programId: string; readonly period: string },
): Promise<BulkClaimResult> {
  requireRole(actor, ['finance']);
  if ((await deps.programs.get(input.programId)) === undefined) {
    throw new BusinessRuleError(`there is no program '${input.programId}'`, [
      { path: 'programId', message: 'is not a program' },
    ]);
  }
  const { postings } = await deps.ledger.scope(input.programId, input.period);
  const checkbooks = buildCheckbooks(postings);
  const created: BulkClaimResult['created'][number][] = [];
  const skipped: SkippedBeneficiary[] = [];
  for (const book of checkbooks) {
    const scope: ClaimFundScope = {
      partnerId: book.beneficiaryPartnerId,
      programId: input.programId,
      period: input.period,
      fund: book.fund,
      currency: book.currency,
    };
    const skip = (reason: string, message: string) =>
      skipped.push({
        partnerId: scope.partnerId,
        fund: scope.fund,
        currency: scope.currency,
        reason,
        message,
      });
    const idempotencyKey = `bulk:${input.programId}:${input.period}:${book.fund}:${book.currency}`;
    const existing = await deps.claims.get(deps.claimIdFor(scope.partnerId, idempotencyKey));
    if (existing !== undefined) {
      skip('alreadyClaimed', `claim ${existing.claimId} was made for this period by an earlier bulk call`);
      continue;
    }
    const available = availableToClaim(fundCredit(checkbooks, scope), await deps.claimFunds.draws(scope));
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
