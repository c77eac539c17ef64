import type { Claim, ClaimActor } from '../claims/claim';
import type { PartnerData } from '../partners/partner';
import { BusinessRuleError } from '../shared/errors';
import { fromMinorUnits, isLedgerAmount, toMinorUnits } from '../shared/money/minor-units';
import type { CurrencyCode } from '../shared/money/money';
import { isPayable, payableAmount, payableOn } from './claim-payment-status';
import {
  type ExcludedClaims,
  type ExclusionReason,
  exclusionReasons,
  type PaidClaim,
  type PartnerPayment,
  type PaymentBatch,
  type PaymentBatchRequest,
} from './payment-batch';

export interface BuildBatchInput {
  readonly batchId: string;
  readonly request: PaymentBatchRequest;
  readonly createdBy: ClaimActor;
  readonly createdAt: string;
  /** Candidate claims (any status: only payable ones in the currency and up to the date are taken). */
  readonly claims: readonly Claim[];
  /** The claims' partners by id; a partner absent here is unknown. */
  readonly partners: ReadonlyMap<string, PartnerData>;
}

/** What a batch pays of a claim: the approved amount less what deductions settled already. */
function paidClaimOf(claim: Claim): PaidClaim | undefined {
  const amount = payableAmount(claim);
  if (amount === undefined || !isLedgerAmount(amount, claim.currency)) return undefined;
  if (toMinorUnits(amount, claim.currency) <= 0n) return undefined;
  return {
    claimId: claim.claimId,
    programId: claim.programId,
    period: claim.period,
    fund: claim.fund,
    amount,
    references: claim.lines.map((line) => line.reference),
    payableStatus: claim.status === 'partiallyApproved' ? 'partiallyApproved' : 'approved',
  };
}

/** Why a partner's claims cannot go in this batch, if they cannot. */
function partnerExclusion(
  partner: PartnerData | undefined,
  request: PaymentBatchRequest,
): ExclusionReason | undefined {
  if (partner === undefined) return 'unknownPartner';
  if (partner.status === 'on_hold') return 'partnerOnHold';
  if (request.method === 'bankTransfer' && partner.remittance === undefined) return 'missingBankDetails';
  return undefined;
}

/** Σ claim amounts as an integer of the minor unit. */
function sumOfClaims(claims: readonly PaidClaim[], currency: CurrencyCode): bigint {
  return claims.reduce((sum, claim) => sum + toMinorUnits(claim.amount, currency), 0n);
}

export function excluded(partnerId: string, claimIds: string[], reason: ExclusionReason): ExcludedClaims {
  return { partnerId, claimIds, reason, message: exclusionReasons[reason] };
}

/**
 * A draft batch of every payable claim (approved or partially approved, with an approved amount) in the
 * request's currency, decided on or before `payableUpTo`: one payment per partner whose amount is the exact
 * sum of its claims (integers of the minor unit), the total the sum of the payments. Partners that cannot be
 * paid this way (unknown, on hold, no bank details for a transfer) are listed with the reason instead.
 * Refuses a batch that would pay nothing.
 */
export function buildPaymentBatch(input: BuildBatchInput): PaymentBatch {
  const { request } = input;
  const byPartner = new Map<string, Claim[]>();
  for (const claim of input.claims) {
    if (!isPayable(claim) || claim.currency !== request.currency) continue;
    if (payableOn(claim) > request.payableUpTo) continue;
    const claims = byPartner.get(claim.partnerId) ?? [];
    claims.push(claim);
    byPartner.set(claim.partnerId, claims);
  }
  const payments: PartnerPayment[] = [];
  const exclusions: ExcludedClaims[] = [];
  let total = 0n;
  let claimCount = 0;
  for (const [partnerId, claims] of [...byPartner.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const partner = input.partners.get(partnerId);
    const reason = partnerExclusion(partner, request);
    if (reason !== undefined || partner === undefined) {
      exclusions.push(
        excluded(
          partnerId,
          claims.map((claim) => claim.claimId),
          reason ?? 'unknownPartner',
        ),
      );
      continue;
    }
    const paid: PaidClaim[] = [];
    const unpayable: string[] = [];
    for (const claim of claims) {
      const paidClaim = paidClaimOf(claim);
      if (paidClaim === undefined) unpayable.push(claim.claimId);
      else paid.push(paidClaim);
    }
    if (unpayable.length > 0) exclusions.push(excluded(partnerId, unpayable, 'noApprovedAmount'));
    if (paid.length === 0) continue;
    const amount = sumOfClaims(paid, request.currency);
    total += amount;
    claimCount += paid.length;
    payments.push({
      paymentId: `${input.batchId}-${partnerId}`,
      batchId: input.batchId,
      partnerId,
      payeeName: partner.remittance?.accountHolderName ?? partner.name,
      amount: fromMinorUnits(amount, request.currency),
      claims: paid,
      ...(request.method === 'bankTransfer' && partner.remittance ? { account: partner.remittance } : {}),
      status: 'scheduled',
      version: 1,
    });
  }
  if (payments.length === 0) {
    throw new BusinessRuleError(`No payable ${request.currency} claims up to ${request.payableUpTo}`, [
      ...exclusions.map((exclusion) => ({
        path: `partner.${exclusion.partnerId}`,
        message: exclusion.message,
      })),
    ]);
  }
  return {
    batchId: input.batchId,
    currency: request.currency,
    method: request.method,
    payableUpTo: request.payableUpTo,
    requestedExecutionDate: request.requestedExecutionDate ?? input.createdAt.slice(0, 10),
    status: 'draft',
    total: fromMinorUnits(total, request.currency),
    paymentCount: payments.length,
    claimCount,
    excluded: exclusions,
    createdBy: input.createdBy,
    createdAt: input.createdAt,
    payments,
    version: 1,
  };
}

/**
 * The batch without the claims in `lost` (scheduled by someone else between read and write): payments
 * shrink or go, totals are recomputed, and the claims are listed as excluded.
 */
export function withoutClaims(batch: PaymentBatch, lost: ReadonlySet<string>): PaymentBatch {
  if (lost.size === 0) return batch;
  const exclusions = [...batch.excluded];
  const payments: PartnerPayment[] = [];
  let total = 0n;
  let claimCount = 0;
  for (const payment of batch.payments) {
    const kept = payment.claims.filter((claim) => !lost.has(claim.claimId));
    const gone = payment.claims.filter((claim) => lost.has(claim.claimId)).map((claim) => claim.claimId);
    if (gone.length > 0) exclusions.push(excluded(payment.partnerId, gone, 'scheduledElsewhere'));
    if (kept.length === 0) continue;
    const amount = sumOfClaims(kept, batch.currency);
    total += amount;
    claimCount += kept.length;
    payments.push({ ...payment, claims: kept, amount: fromMinorUnits(amount, batch.currency) });
  }
  return {
    ...batch,
    payments,
    excluded: exclusions,
    total: fromMinorUnits(total, batch.currency),
    paymentCount: payments.length,
    claimCount,
  };
}
