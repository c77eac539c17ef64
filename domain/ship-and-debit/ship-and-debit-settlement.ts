import type { Claim } from '../claims/claim';
import type { ClaimFunds } from '../claims/ports';
import { publishClaimSubmitted } from '../claims/publish-claim-submitted';
import { StateConflictError } from '../shared/errors';
import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';
import type { CurrencyCode } from '../shared/money/money';
import type { EventPublisher } from '../shared/ports';
import type { ShipAndDebitClaim } from './ship-and-debit-claim';

/**
 * The program ship & debit settlements are booked under: ship & debit credit is not earned by accruals but
 * granted by authorizations, so its claims share one program id, period = month received, fund `rebate`.
 */
export const shipAndDebitProgramId = 'SHIP-AND-DEBIT';

/**
 * The fund reservation of a settlement claim cannot be refused for want of accrued credit: the
 * authorization's quantity reservation (taken atomically when the claim was stored) is what bounds it.
 */
const authorizedCreditLimit = 10n ** 30n;

/** The id of the claim settling a ship & debit claim: derived from it, so a retry finds the same claim. */
export const settlementClaimIdOf = (shipAndDebitClaimId: string): string =>
  `CLM-SD-${shipAndDebitClaimId.replace(/^SDC-/, '')}`;

export interface ShipAndDebitSettlementDeps {
  readonly claimFunds: ClaimFunds;
  readonly events: EventPublisher;
}

/** What a claim's bill-back offsets take off its settlement, in minor units. */
export function offsetTotal(claim: Pick<ShipAndDebitClaim, 'billBackOffsets' | 'currency'>): bigint {
  return (claim.billBackOffsets ?? []).reduce(
    (sum, offset) => sum + toMinorUnits(offset.amount, claim.currency),
    0n,
  );
}

/** The id of the claim settling the lines of a ship & debit claim below the per-line auto-approve threshold. */
export const autoSettlementClaimIdOf = (shipAndDebitClaimId: string): string =>
  `${settlementClaimIdOf(shipAndDebitClaimId)}-A`;

/**
 * The approved lines at or above the auto-approve threshold (`autoApproveBelow` of the approval policy in
 * force): they go to people. Undefined when the lines need not be split: no threshold for the currency (then
 * every line goes to people), or all lines on the same side of it (then the claim-level rule decides).
 */
export function linesForReview(
  results: readonly { readonly lineNumber: number; readonly approvedAmount: string }[],
  currency: CurrencyCode,
  autoApproveBelow: string | undefined,
): number[] | undefined {
  if (autoApproveBelow === undefined) return undefined;
  const threshold = toMinorUnits(autoApproveBelow, currency);
  const approved = results.filter((result) => toMinorUnits(result.approvedAmount, currency) > 0n);
  const review = approved.filter((result) => toMinorUnits(result.approvedAmount, currency) >= threshold);
  return review.length === 0 || review.length === approved.length
    ? undefined
    : review.map((result) => result.lineNumber);
}

/** One line of a settlement, before it is given to one of the settlement claims. */
export interface SettlementLine {
  readonly amount: bigint;
  readonly reference: string;
  readonly evidence: readonly string[];
  /** Whether people decide it: at or above the per-line threshold, or the claim's lines were not split. */
  readonly forReview: boolean;
}

/**
 * What a ship & debit claim settles, line by line: one per approved (or partially approved) line, less the
 * bill-backs it nets. The bill-backs come off the last lines first (a line they empty is left out), and the
 * lines they reduce cite them as evidence, so the settlement shows why it pays less.
 */
export function settlementLines(
  claim: Pick<
    ShipAndDebitClaim,
    'claimId' | 'currency' | 'lines' | 'results' | 'billBackOffsets' | 'linesForReview'
  >,
): SettlementLine[] {
  const review = claim.linesForReview === undefined ? undefined : new Set(claim.linesForReview);
  const approved = claim.results.flatMap((result) => {
    const line = claim.lines.find((each) => each.lineNumber === result.lineNumber);
    const amount = toMinorUnits(result.approvedAmount, claim.currency);
    if (line === undefined || amount <= 0n) return [];
    const invoice = line.invoiceLine === undefined ? line.productSku : line.invoiceLine;
    return [
      {
        amount,
        reference: `${line.authorizationNumber} ${line.invoiceNumber} ${invoice}`.slice(0, 100),
        evidence: [`ship-and-debit-claims/${claim.claimId}#${line.lineNumber}`],
        forReview: review?.has(line.lineNumber) ?? true,
      },
    ];
  });
  let toOffset = offsetTotal(claim);
  const billBackEvidence = (claim.billBackOffsets ?? []).map(
    (offset) => `ship-and-debit-bill-backs/${offset.billBackId}`,
  );
  const netted = approved.reverse().map((line) => {
    const kept = line.amount > toOffset ? line.amount - toOffset : 0n;
    toOffset -= line.amount - kept;
    return kept === line.amount
      ? line
      : { ...line, amount: kept, evidence: [...line.evidence, ...billBackEvidence] };
  });
  return netted.reverse().filter((line) => line.amount > 0n);
}

/** A settlement claim: type `shipAndDebit`, status `validated` (the lines were validated already). */
function settlementClaim(claim: ShipAndDebitClaim, claimId: string, lines: readonly SettlementLine[]): Claim {
  const total = lines.reduce((sum, line) => sum + line.amount, 0n);
  return {
    claimId,
    type: 'shipAndDebit',
    partnerId: claim.partnerId,
    programId: shipAndDebitProgramId,
    period: claim.receivedAt.slice(0, 7),
    fund: 'rebate',
    currency: claim.currency,
    lines: lines.map((line, index) => ({
      lineNumber: index + 1,
      amount: fromMinorUnits(line.amount, claim.currency),
      reference: line.reference,
      evidence: line.evidence,
    })),
    amountClaimed: fromMinorUnits(total, claim.currency),
    status: 'validated',
    submittedBy: claim.submittedBy,
    submittedAt: claim.receivedAt,
    validationFailures: [],
    history: [
      { at: claim.receivedAt, by: claim.submittedBy, from: null, to: 'submitted' },
      { at: claim.receivedAt, by: claim.submittedBy, from: 'submitted', to: 'validated' },
    ],
    version: 1,
  };
}

/**
 * The settlement claims of a ship & debit claim: `settlementClaimId` with the lines people decide (all of
 * them when the lines were not split) and `autoSettlementClaimId` with the lines below the per-line
 * auto-approve threshold, which the approval workflow approves by itself while their sum is below it too.
 */
export function settlementClaimsOf(claim: ShipAndDebitClaim): Claim[] {
  const lines = settlementLines(claim);
  const parts: [string | undefined, SettlementLine[]][] = [
    [claim.settlementClaimId, lines.filter((line) => line.forReview)],
    [claim.autoSettlementClaimId, lines.filter((line) => !line.forReview)],
  ];
  return parts.flatMap(([claimId, part]) =>
    claimId === undefined || part.length === 0 ? [] : [settlementClaim(claim, claimId, part)],
  );
}

/**
 * Sends a ship & debit claim's approved amount to settlement the way every claim settles: each settlement
 * claim is stored `validated` with its fund reservation (one atomic write) and `ClaimSubmitted` starts the
 * approval workflow, whose decision posts it and whose payment batch pays it (credit memo). Idempotent: a
 * retry finds the claim stored and publishes again (the workflow starts once per claim).
 */
export async function sendToSettlement(deps: ShipAndDebitSettlementDeps, claim: ShipAndDebitClaim) {
  for (const settlement of settlementClaimsOf(claim)) {
    const outcome = await deps.claimFunds.reserve(settlement, authorizedCreditLimit);
    if (outcome.kind !== 'reserved' && outcome.kind !== 'claimExists') {
      throw new StateConflictError(
        `settlement claim ${settlement.claimId} could not be stored (${outcome.kind}); submit the claim again`,
      );
    }
    await publishClaimSubmitted(deps, settlement);
  }
}
