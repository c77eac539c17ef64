import type { Claim, ClaimActor } from '../claims/claim';
import { postAllOnce } from '../ledger/post-once';
import { claimMovedTo, payableAmount } from '../payments/claim-payment-status';
import { toMinorUnits } from '../shared/money/minor-units';
import type { Deduction } from './deduction';
import type { Allocation } from './deduction-allocation';
import { deductionPostings } from './deduction-postings';
import type { ClaimChange, DeductionDeps } from './ports';

/** Who settles, when, and whether automatic matching chose the claims. */
export interface SettlementContext {
  readonly by: ClaimActor;
  readonly at: string;
  readonly automatic: boolean;
}

/**
 * A claim after a deduction settled `amount` of it: the settlement is recorded; when nothing is left to pay
 * the claim is `paid`, `settledBy: deduction`, else it stays payable for the rest.
 */
function claimSettled(claim: Claim, deductionId: string, amount: string, context: SettlementContext): Claim {
  const settled: Claim = {
    ...claim,
    deductionSettlements: [...(claim.deductionSettlements ?? []), { deductionId, amount, at: context.at }],
  };
  const left = toMinorUnits(payableAmount(settled) ?? '0', claim.currency);
  const comment = `${amount} ${claim.currency} settled by deduction ${deductionId}`;
  return left === 0n
    ? {
        ...claimMovedTo(settled, 'paid', { by: context.by, at: context.at, comment }),
        settledBy: 'deduction',
      }
    : claimMovedTo(settled, claim.status, { by: context.by, at: context.at, comment });
}

/**
 * Settles a deduction against claims. Main course: the matched deduction and every claim it settles are
 * written in one transaction, each conditional on the status and version read (a concurrent match, write-off
 * or payment batch makes it fail whole: false, nothing written) → the ledger `payment` postings against the
 * receivable, idempotent by posting id. Returns the matched deduction, or undefined when it lost a race.
 */
export async function settleDeduction(
  deps: DeductionDeps,
  deduction: Deduction,
  claims: ReadonlyMap<string, Claim>,
  allocation: Allocation,
  context: SettlementContext,
): Promise<{ readonly deduction: Deduction; readonly claims: readonly Claim[] } | undefined> {
  const changes: ClaimChange[] = allocation.allocations.map((part) => {
    const claim = claims.get(part.claimId) as Claim;
    return {
      next: claimSettled(claim, deduction.deductionId, part.amount, context),
      expected: claim.status,
    };
  });
  const { candidateClaimIds: _candidates, ...rest } = deduction;
  const matched: Deduction = {
    ...rest,
    status: 'matched',
    matches: allocation.allocations,
    matched: { ...context, difference: allocation.difference },
    version: deduction.version + 1,
  };
  if (!(await deps.deductions.settle(matched, changes))) return undefined;
  await postSettlement(deps, matched);
  return { deduction: matched, claims: changes.map((change) => change.next) };
}

/** The matched deduction's postings, posted once whatever the number of calls (a retry heals a crash). */
export function postSettlement(deps: DeductionDeps, matched: Deduction): Promise<void> {
  const postedOn = (matched.matched?.at ?? deps.clock().toISOString()).slice(0, 10);
  return postAllOnce(deps.ledger, deductionPostings(matched, postedOn));
}
