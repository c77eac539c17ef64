import type { Claim } from '../claims/claim';
import type { ClaimFunds } from '../claims/ports';
import { publishClaimSubmitted } from '../claims/publish-claim-submitted';
import { StateConflictError } from '../shared/errors';
import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';
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

/**
 * The settlement claim of a ship & debit claim: type `shipAndDebit`, one line per approved (or partially
 * approved) line, amount = approved amount less the bill-backs it nets, status `validated` (the lines were
 * validated already). The bill-backs come off the last lines first (a line they empty is left out), and the
 * lines they reduce cite them as evidence, so the settlement shows why it pays less.
 */
export function settlementClaimOf(claim: ShipAndDebitClaim): Claim | undefined {
  if (claim.settlementClaimId === undefined) return undefined;
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
  const lines = netted
    .reverse()
    .filter((line) => line.amount > 0n)
    .map((line) => ({ ...line, amount: fromMinorUnits(line.amount, claim.currency) }));
  if (lines.length === 0) return undefined;
  const total = lines.reduce((sum, line) => sum + toMinorUnits(line.amount, claim.currency), 0n);
  return {
    claimId: claim.settlementClaimId,
    type: 'shipAndDebit',
    partnerId: claim.partnerId,
    programId: shipAndDebitProgramId,
    period: claim.receivedAt.slice(0, 7),
    fund: 'rebate',
    currency: claim.currency,
    lines: lines.map((line, index) => ({ lineNumber: index + 1, ...line })),
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
 * Sends a ship & debit claim's approved amount to settlement the way every claim settles: its settlement
 * claim is stored `validated` with its fund reservation (one atomic write) and `ClaimSubmitted` starts the
 * approval workflow, whose decision posts it and whose payment batch pays it (credit memo). Idempotent: a
 * retry finds the claim stored and publishes again (the workflow starts once per claim).
 */
export async function sendToSettlement(deps: ShipAndDebitSettlementDeps, claim: ShipAndDebitClaim) {
  const settlement = settlementClaimOf(claim);
  if (settlement === undefined) return;
  const outcome = await deps.claimFunds.reserve(settlement, authorizedCreditLimit);
  if (outcome.kind !== 'reserved' && outcome.kind !== 'claimExists') {
    throw new StateConflictError(
      `settlement claim ${settlement.claimId} could not be stored (${outcome.kind}); submit the claim again`,
    );
  }
  await publishClaimSubmitted(deps, settlement);
}
