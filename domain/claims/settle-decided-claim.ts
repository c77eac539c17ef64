import type { LedgerPosting } from '../ledger/ledger-posting';
import { BusinessRuleError } from '../shared/errors';
import { toMinorUnits } from '../shared/money/minor-units';
import type { Clock } from '../shared/ports';
import type { Claim, ClaimStatus } from './claim';
import type { ClaimFunds } from './ports';

export interface SettleDecidedClaimDeps {
  readonly claimFunds: ClaimFunds;
  readonly clock: Clock;
}

/** The one ledger posting of a claim: its id is derived from the claim's, so a retry never posts twice. */
export const claimPostingId = (claimId: string) => `claim#${claimId}`;

/** The `claim` posting of an approved amount: the beneficiary's own, drawn on its earned balance. */
export function claimPosting(claim: Claim, approved: string, postedOn: string): LedgerPosting {
  return {
    kind: 'claim',
    postingId: claimPostingId(claim.claimId),
    claimId: claim.claimId,
    programId: claim.programId,
    period: claim.period,
    fund: claim.fund,
    beneficiaryPartnerId: claim.partnerId,
    // A claim is the beneficiary's own; no sale, item or salesperson is behind it.
    partnerId: claim.partnerId,
    endCustomerId: null,
    billTo: null,
    sku: null,
    uom: null,
    salesperson: null,
    currency: claim.currency,
    amount: approved,
    postedOn,
    reason: `claim ${claim.claimId} ${claim.status}`,
  };
}

/** What a decided claim was approved for, in minor units; 0 when rejected. */
function approvedMinorUnits(claim: Claim): bigint {
  if (claim.status === 'rejected') return 0n;
  if (claim.status !== 'approved' && claim.status !== 'partiallyApproved') {
    throw new BusinessRuleError(`claim '${claim.claimId}' is ${claim.status}, not decided`);
  }
  if (claim.amountApproved === undefined) {
    throw new BusinessRuleError(`claim '${claim.claimId}' is ${claim.status} without an amount approved`);
  }
  const approved = toMinorUnits(claim.amountApproved, claim.currency);
  if (approved < 0n || approved > toMinorUnits(claim.amountClaimed, claim.currency)) {
    throw new BusinessRuleError(
      `claim '${claim.claimId}' approves ${claim.amountApproved}, outside 0 to ${claim.amountClaimed}`,
    );
  }
  return approved;
}

/**
 * Settles a decided claim against its fund. Main course: an approved or partially approved claim's `claim`
 * ledger posting of `amountApproved` (dated today; a closed accounting month refuses it) and the end of its
 * reservation, the approved part staying drawn and the rest released, in one atomic write; a rejected
 * claim only releases its reservation. Idempotent: a retry finds the reservation ended and changes nothing,
 * and the posting's id is the claim's. No run computes from claim postings, so the posting is written
 * without the program period's sequence: thousands of claims settled into one period at once neither read
 * the period nor conflict (they used to, and gave up). With `decidedFrom`, `claim` is a decision not stored
 * yet (an automatic approval): it is stored in the same write, only while the stored claim is still in
 * `decidedFrom`; false, and nothing written, when it is not.
 */
export async function settleDecidedClaim(
  deps: SettleDecidedClaimDeps,
  claim: Claim,
  decidedFrom?: ClaimStatus,
): Promise<boolean> {
  const approved = approvedMinorUnits(claim);
  const posting =
    approved > 0n && claim.amountApproved !== undefined
      ? claimPosting(claim, claim.amountApproved, deps.clock().toISOString().slice(0, 10))
      : undefined;
  const decision = decidedFrom === undefined ? undefined : { next: claim, expected: decidedFrom };
  return deps.claimFunds.settle(claim, approved, posting, decision);
}
