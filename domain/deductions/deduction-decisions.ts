import type { Actor } from '../access/actor';
import { requireRole } from '../access/policies';
import type { Claim } from '../claims/claim';
import { auditActor, paymentRoles } from '../payments/payment-actor';
import { BusinessRuleError, NotFoundError, StateConflictError } from '../shared/errors';
import type { Deduction, WriteOffCode } from './deduction';
import { allocateDeduction, type RequestedAllocation } from './deduction-allocation';
import type { DeductionDeps } from './ports';
import { postSettlement, settleDeduction } from './settle-deduction';

export async function deductionOrNotFound(deps: DeductionDeps, deductionId: string): Promise<Deduction> {
  const deduction = await deps.deductions.get(deductionId);
  if (deduction === undefined) throw new NotFoundError(`Deduction '${deductionId}' not found`);
  return deduction;
}

/** A decision on a deduction that is no longer open: 409, after healing a matched one's postings. */
async function notOpen(deps: DeductionDeps, deduction: Deduction): Promise<never> {
  // A match whose process died between its transaction and its postings is completed by the next attempt.
  if (deduction.status === 'matched') await postSettlement(deps, deduction);
  throw new StateConflictError(`Deduction '${deduction.deductionId}' is ${deduction.status} already`);
}

/**
 * Finance matches an open deduction by hand: to one claim or split across several of its partner (rules in
 * `allocateDeduction`). The deduction and its claims move together or not at all: of two people matching
 * it at once, or a match racing a payment batch for a claim, exactly one succeeds; the other gets 409.
 */
export async function matchDeductionToClaims(
  deps: DeductionDeps,
  actor: Actor,
  deductionId: string,
  requested: readonly RequestedAllocation[],
): Promise<{ readonly deduction: Deduction; readonly claims: readonly Claim[] }> {
  requireRole(actor, paymentRoles);
  const deduction = await deductionOrNotFound(deps, deductionId);
  if (deduction.status !== 'open') return notOpen(deps, deduction);
  const found = await Promise.all(requested.map((wanted) => deps.claims.get(wanted.claimId)));
  const claims = new Map(found.flatMap((claim) => (claim === undefined ? [] : [[claim.claimId, claim]])));
  const allocation = allocateDeduction(deduction, requested, claims, deps.tolerance);
  const context = { by: auditActor(actor), at: deps.clock().toISOString(), automatic: false };
  const settled = await settleDeduction(deps, deduction, claims, allocation, context);
  if (settled === undefined) {
    throw new StateConflictError(
      `Deduction '${deductionId}' or one of its claims was changed by someone else meanwhile`,
    );
  }
  return settled;
}

/**
 * Finance writes an open deduction off with a reason code (`other` needs a note). Nothing is posted to the
 * program ledger: no claim is settled, and the receivable the partner did not pay is written off in the
 * receivables system (ERP), which owns it. Of two racing decisions one wins, the other gets 409.
 */
export async function writeOffDeduction(
  deps: DeductionDeps,
  actor: Actor,
  deductionId: string,
  request: { readonly reasonCode: WriteOffCode; readonly note?: string | undefined },
): Promise<Deduction> {
  requireRole(actor, paymentRoles);
  if (request.reasonCode === 'other' && (request.note ?? '').trim() === '') {
    throw new BusinessRuleError('A write-off for another reason needs a note', [
      { path: 'note', message: 'is required when reasonCode is other' },
    ]);
  }
  const deduction = await deductionOrNotFound(deps, deductionId);
  if (deduction.status !== 'open') return notOpen(deps, deduction);
  const { candidateClaimIds: _candidates, ...rest } = deduction;
  const next: Deduction = {
    ...rest,
    status: 'writtenOff',
    writeOff: {
      code: request.reasonCode,
      ...(request.note === undefined ? {} : { note: request.note }),
      by: auditActor(actor),
      at: deps.clock().toISOString(),
    },
    version: deduction.version + 1,
  };
  if (!(await deps.deductions.replace(next, 'open'))) {
    throw new StateConflictError(`Deduction '${deductionId}' was changed by someone else meanwhile`);
  }
  return next;
}
