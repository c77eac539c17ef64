import type { Actor } from '../access/actor';
import { requireRole } from '../access/policies';
import type { Claim, ClaimStatus } from '../claims/claim';
import { claimPosting } from '../claims/settle-decided-claim';
import {
  type EvidenceUpload,
  evidenceUploadSchemaOf,
  imageOrPdfTypes,
  isAcceptableEvidence,
  isUnderPrefix,
  presignEvidenceUpload,
} from '../evidence/evidence-files';
import { BusinessRuleError, StateConflictError, ValidationError } from '../shared/errors';
import { fromMinorUnits } from '../shared/money/minor-units';
import {
  bookingProgramOf,
  checkbookScopeOf,
  type Fund,
  minorUnitsOf,
  noDelta,
  releaseDelta,
  settleDelta,
} from './fund';
import { actorOf, claimOrNotFound, commitWithRetry, fundOrNotFound, requestOrNotFound } from './fund-access';
import { type FundRequest, requestMovedTo } from './fund-request';
import type { FundClaimFilter, FundDeps, FundMovement, FundTransaction } from './ports';
import {
  claimedAmount,
  type FundClaim,
  type FundClaimInput,
  type FundClaimReview,
  fundBalanceFor,
} from './proof-of-performance';

/** Evidence people send: photos and scans of the activity, or PDFs (invoices, proofs of print). */
export const evidenceUploadSchema = evidenceUploadSchemaOf(imageOrPdfTypes);

/** Where a partner's evidence for one request lives: under the partner's own prefix, never another's. */
export const evidencePrefix = (partnerId: string, requestId: string) => `evidence/${partnerId}/${requestId}/`;

/**
 * A partner gets a presigned PUT for one evidence file of its own request, signed for exactly the declared
 * type and size (S3 refuses any other body), under `evidence/<partner>/<request>/`.
 */
export async function requestEvidenceUpload(
  deps: FundDeps,
  actor: Actor,
  requestId: string,
  upload: EvidenceUpload,
) {
  requireRole(actor, ['partner']);
  const request = await requestOrNotFound(deps, actor, requestId);
  if (request.status !== 'approved') {
    throw new StateConflictError(
      `Fund request '${requestId}' is ${request.status}; evidence is for an approved request`,
    );
  }
  return presignEvidenceUpload(deps, deps.evidence, evidencePrefix(request.partnerId, requestId), upload);
}

/** Refuses evidence that is not the partner's own upload for this request, or not there, or not of a kind we take. */
async function checkEvidence(deps: FundDeps, request: FundRequest, keys: readonly string[]) {
  const prefix = evidencePrefix(request.partnerId, request.requestId);
  const described = await Promise.all(
    keys.map(async (key) => (isUnderPrefix(key, prefix) ? deps.evidence.describe(key) : undefined)),
  );
  const issues = keys.flatMap((key, index) => {
    const object = described[index];
    if (!isUnderPrefix(key, prefix)) {
      return [
        {
          path: `evidence.${index}`,
          message: `must be a key from this request's evidence uploads (${prefix}…)`,
        },
      ];
    }
    if (object === undefined)
      return [{ path: `evidence.${index}`, message: 'nothing was uploaded under this key' }];
    if (!isAcceptableEvidence(object, imageOrPdfTypes)) {
      return [{ path: `evidence.${index}`, message: 'is not an image or PDF of at most 20 MiB' }];
    }
    return [];
  });
  if (issues.length > 0) throw new BusinessRuleError('The evidence is not acceptable', issues);
}

/**
 * A partner claims against its approved request (proof of performance). Main course: the request must be
 * `approved` and not past its claim date → the evidence checked (own prefix, uploaded, image/PDF, size) → the
 * amount is min(actual cost × share, approved, fund balance), or the amount asked if not above any of the
 * three (else 422 naming the bound) → one atomic write stores the claim and moves the request to `claimed`.
 */
export async function submitFundClaim(
  deps: FundDeps,
  actor: Actor,
  requestId: string,
  input: FundClaimInput,
): Promise<FundClaim> {
  requireRole(actor, ['partner']);
  const request = await requestOrNotFound(deps, actor, requestId);
  if (request.status !== 'approved' || request.approvedAmount === undefined) {
    throw new StateConflictError(
      `Fund request '${requestId}' is ${request.status}; only an approved request is claimed`,
    );
  }
  const today = deps.clock().toISOString().slice(0, 10);
  if (today > request.claimBy) {
    const message = `proof of performance was due by ${request.claimBy}`;
    throw new BusinessRuleError('The request is past its claim date', [{ path: 'requestId', message }]);
  }
  const actualCost = minorUnitsOf(input.actualCost, request.currency);
  const asked = input.amount === undefined ? undefined : minorUnitsOf(input.amount, request.currency);
  if (actualCost === undefined || actualCost <= 0n || (asked === undefined && input.amount !== undefined)) {
    const path = actualCost === undefined || actualCost <= 0n ? 'actualCost' : 'amount';
    throw new ValidationError('Invalid amount', [
      { path, message: `must be > 0 with at most the decimals of ${request.currency}` },
    ]);
  }
  await checkEvidence(deps, request, input.evidence);
  const fund = await fundOrNotFound(deps, actor, request.fundId);
  const approved = minorUnitsOf(request.approvedAmount, request.currency) ?? 0n;
  const { payable, claimed } = claimedAmount(
    request,
    { actualCost, amount: asked },
    approved,
    fundBalanceFor(approved, fund.balances),
  );
  const at = deps.clock().toISOString();
  const by = actorOf(actor);
  const text = (value: bigint) => fromMinorUnits(value, request.currency);
  const claim: FundClaim = {
    fundClaimId: `FCL-${deps.newId()}`,
    requestId,
    fundId: fund.fundId,
    partnerId: request.partnerId,
    currency: request.currency,
    actualCost: text(actualCost),
    payable: text(payable),
    amountClaimed: text(claimed),
    evidence: input.evidence,
    status: 'submitted',
    submittedBy: by,
    submittedAt: at,
    version: 1,
  };
  const outcome = await deps.funds.commit({
    fund: { fundId: fund.fundId, expectedStatus: fund.status, delta: noDelta },
    request: {
      next: requestMovedTo(request, 'claimed', { by, at, amount: claim.amountClaimed }),
      expected: 'approved',
    },
    fundClaim: { next: claim, expected: null },
    movements: [],
  });
  if (outcome !== 'committed') {
    throw new StateConflictError(
      `Fund request '${requestId}' changed meanwhile (claimed twice?); read it again`,
    );
  }
  return claim;
}

/** An accrual fund's move of its co-op checkbook draws (see `FundTransaction.checkbook`); none for MDF. */
export function checkbookMove(
  fund: Fund,
  reserved: bigint,
  settled: bigint,
): Pick<FundTransaction, 'checkbook'> {
  const scope = checkbookScopeOf(fund);
  return scope === undefined ? {} : { checkbook: { scope, reserved, settled } };
}

/** The `mdf` claim a review approves: what payment batches pay, booked to the fund's program and period. */
export function settlementClaimOf(fund: Fund, claim: FundClaim, reviewed: FundClaim): Claim {
  const status: ClaimStatus = reviewed.status === 'partiallyApproved' ? 'partiallyApproved' : 'approved';
  const at = reviewed.reviewedAt ?? claim.submittedAt;
  const by = reviewed.reviewedBy ?? claim.submittedBy;
  return {
    claimId: `CLM-MDF-${claim.fundClaimId}`,
    type: 'mdf',
    partnerId: claim.partnerId,
    programId: bookingProgramOf(fund),
    period: fund.period,
    fund: 'coop',
    currency: claim.currency,
    lines: [
      { lineNumber: 1, amount: claim.amountClaimed, reference: claim.requestId, evidence: claim.evidence },
    ],
    amountClaimed: claim.amountClaimed,
    amountApproved: reviewed.amountApproved ?? claim.amountClaimed,
    status,
    submittedBy: claim.submittedBy,
    submittedAt: claim.submittedAt,
    validationFailures: [],
    history: [
      {
        at: claim.submittedAt,
        by: claim.submittedBy,
        from: null,
        to: 'submitted',
        comment: `proof of performance ${claim.fundClaimId}`,
      },
      {
        at,
        by,
        from: 'submitted',
        to: status,
        amountBefore: claim.amountClaimed,
        amountAfter: reviewed.amountApproved ?? claim.amountClaimed,
        ...(reviewed.reason === undefined ? {} : { comment: reviewed.reason }),
      },
    ],
    version: 1,
  };
}

/**
 * A reviewer (approver, finance) checks the evidence and decides. Approve or partially approve: one atomic
 * write settles the request's reservation (the approved part becomes `claimed`, the rest is released — to
 * `expired` if the fund expired meanwhile), closes the request, records the decision and creates the
 * approved `mdf` claim that payment batches pay; an accrual fund's program ledger gets the `claim`
 * posting, as a rebate claim's settlement does. Reject (reason): the request is `approved` again, its
 * reservation held, and the partner may claim again until its claim date. A second review is a 409.
 */
export async function reviewFundClaim(
  deps: FundDeps,
  actor: Actor,
  fundClaimId: string,
  review: FundClaimReview,
): Promise<FundClaim> {
  requireRole(actor, ['approver', 'finance', 'admin']);
  const by = actorOf(actor);
  let reviewed: FundClaim | undefined;
  let settlement: Claim | undefined;
  await commitWithRetry(deps, async () => {
    const claim = await claimOrNotFound(deps, actor, fundClaimId);
    if (claim.status !== 'submitted') {
      throw new StateConflictError(`Fund claim '${fundClaimId}' is ${claim.status}, reviewed already`);
    }
    const [request, fund] = await Promise.all([
      requestOrNotFound(deps, actor, claim.requestId),
      fundOrNotFound(deps, actor, claim.fundId),
    ]);
    const at = deps.clock().toISOString();
    const base = { ...claim, reviewedBy: by, reviewedAt: at, version: claim.version + 1 };
    if (review.decision === 'reject') {
      reviewed = { ...base, status: 'rejected', reason: review.reason };
      return {
        fund: { fundId: fund.fundId, expectedStatus: fund.status, delta: noDelta },
        request: {
          next: requestMovedTo(request, 'approved', {
            by,
            at,
            reason: `claim ${fundClaimId} rejected: ${review.reason}`,
          }),
          expected: 'claimed',
        },
        fundClaim: { next: reviewed, expected: 'submitted' },
        movements: [],
      } satisfies FundTransaction;
    }
    const claimed = minorUnitsOf(claim.amountClaimed, claim.currency) ?? 0n;
    let approved = claimed;
    if (review.decision === 'partial') {
      const amount = minorUnitsOf(review.amount, claim.currency);
      if (amount === undefined || amount <= 0n || amount >= claimed) {
        const message = `must be greater than zero and less than the ${claim.amountClaimed} ${claim.currency} claimed (approve it whole instead)`;
        throw new BusinessRuleError('Invalid partial amount', [{ path: 'amount', message }]);
      }
      approved = amount;
    }
    const reserved = minorUnitsOf(request.approvedAmount ?? '0', claim.currency) ?? 0n;
    const text = (value: bigint) => fromMinorUnits(value, claim.currency);
    reviewed = {
      ...base,
      status: review.decision === 'partial' ? 'partiallyApproved' : 'approved',
      amountApproved: text(approved),
      settlementClaimId: `CLM-MDF-${claim.fundClaimId}`,
      ...(review.decision === 'partial'
        ? { reason: review.reason }
        : review.comment
          ? { reason: review.comment }
          : {}),
    };
    settlement = settlementClaimOf(fund, claim, reviewed);
    const released = releaseDelta(fund, reserved - approved);
    const movements: FundMovement[] = [
      {
        movementId: `claim-${fundClaimId}`,
        fundId: fund.fundId,
        kind: 'claim',
        amount: text(approved),
        at,
        by,
        requestId: request.requestId,
        fundClaimId,
        note: `claim ${fundClaimId} ${reviewed.status}`,
      },
    ];
    if (reserved > approved) {
      movements.push({
        movementId: `release-${request.requestId}`,
        fundId: fund.fundId,
        kind: released.expired > 0n ? 'expiry' : 'release',
        amount: text(reserved - approved),
        at,
        by,
        requestId: request.requestId,
        fundClaimId,
        note: `unclaimed part of request ${request.requestId}`,
      });
    }
    return {
      fund: {
        fundId: fund.fundId,
        expectedStatus: fund.status,
        delta: settleDelta(fund, reserved, approved),
      },
      ...checkbookMove(fund, -reserved, approved),
      request: {
        next: requestMovedTo(request, 'closed', { by, at, amount: text(approved) }),
        expected: 'claimed',
      },
      fundClaim: { next: reviewed, expected: 'submitted' },
      settlementClaim: settlement,
      movements,
    } satisfies FundTransaction;
  });
  if (reviewed === undefined) throw new StateConflictError(`Fund claim '${fundClaimId}' was not reviewed`);
  if (settlement?.amountApproved !== undefined) {
    const fund = await deps.funds.getFund(reviewed.fundId);
    if (fund?.kind === 'accrual') {
      await deps.postings.postIndependent(
        claimPosting(settlement, settlement.amountApproved, (reviewed.reviewedAt ?? '').slice(0, 10)),
      );
    }
  }
  return reviewed;
}

/** One proof-of-performance claim; another partner's is a 404. */
export const getFundClaim = (deps: FundDeps, actor: Actor, fundClaimId: string) =>
  claimOrNotFound(deps, actor, fundClaimId);

/** Proof-of-performance claims: a partner its own, staff all (optionally of one fund or status: the inbox). */
export async function listFundClaims(deps: FundDeps, actor: Actor, filter: FundClaimFilter) {
  if (actor.role !== 'partner') return deps.funds.listClaims(filter);
  const own = await deps.funds.listClaims({ partnerId: actor.partnerId });
  return own.filter(
    (claim) =>
      (filter.fundId === undefined || claim.fundId === filter.fundId) &&
      (filter.status === undefined || claim.status === filter.status),
  );
}
