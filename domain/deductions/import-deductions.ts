import type { Actor } from '../access/actor';
import { requireRole } from '../access/policies';
import type { Claim } from '../claims/claim';
import { payableAmount, payableStatuses } from '../payments/claim-payment-status';
import { auditActor, paymentRoles } from '../payments/payment-actor';
import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';
import type { Deduction, DeductionLine } from './deduction';
import { allocateDeduction } from './deduction-allocation';
import { matchDeduction } from './match-deduction';
import { parseDeductionCsv } from './parse-deduction-csv';
import type { DeductionDeps } from './ports';
import { settleDeduction } from './settle-deduction';

/** One reason a line was not imported: its line number (the header is line 1), the field and why. */
export interface DeductionLineRejection {
  readonly lineNumber: number;
  readonly field: string;
  readonly reason: string;
}

export interface DeductionImport {
  readonly imported: number;
  readonly duplicates: number;
  readonly matchedAutomatically: number;
  readonly open: number;
  readonly rejected: readonly DeductionLineRejection[];
  /** Lines already imported before (or twice in this file), with the deduction they are. */
  readonly duplicateLines: readonly { readonly lineNumber: number; readonly deductionId: string }[];
  /** The deductions this import created, as they stand after automatic matching. */
  readonly deductions: readonly Deduction[];
}

function deductionOf(deps: DeductionDeps, line: DeductionLine, actor: Actor, at: string): Deduction {
  return {
    deductionId: `DED-${deps.newId().toUpperCase()}`,
    partnerId: line.partner,
    invoice: line.invoice,
    // Canonical, so "120.5" and "120.50" are one receivables line.
    amount: fromMinorUnits(toMinorUnits(line.amount, line.currency), line.currency),
    currency: line.currency,
    reason: line.reason,
    reference: line.reference,
    status: 'open',
    importedAt: at,
    importedBy: auditActor(actor),
    version: 1,
  };
}

/**
 * Finance imports the receivables system's deductions. Main course: parse (bad lines rejected with their
 * reasons, the rest kept) → store each new deduction (a line imported before is a duplicate, never a second
 * record) → automatic matching against the payable claims: a unique match settles the deduction at once
 * (claims paid by it, ledger postings against the receivable); an ambiguous one keeps its candidates for a
 * person; a deduction that lost a race to a payment batch or a person simply stays open.
 */
export async function importDeductions(
  deps: DeductionDeps,
  actor: Actor,
  csv: string,
): Promise<DeductionImport> {
  requireRole(actor, paymentRoles);
  const parsed = parseDeductionCsv(csv);
  const at = deps.clock().toISOString();
  const created: Deduction[] = [];
  const duplicateLines: { lineNumber: number; deductionId: string }[] = [];
  for (const { lineNumber, line } of parsed.lines) {
    const deduction = deductionOf(deps, line, actor, at);
    const outcome = await deps.deductions.create(deduction);
    if (outcome.kind === 'duplicate') duplicateLines.push({ lineNumber, deductionId: outcome.deductionId });
    else created.push(deduction);
  }
  const settled = await matchAutomatically(deps, actor, created, at);
  const matchedAutomatically = settled.filter((deduction) => deduction.status === 'matched').length;
  return {
    imported: created.length,
    duplicates: duplicateLines.length,
    matchedAutomatically,
    open: created.length - matchedAutomatically,
    rejected: parsed.rejected.flatMap((line) =>
      line.reasons.map((reason) => ({
        lineNumber: line.lineNumber,
        field: reason.field,
        reason: reason.message,
      })),
    ),
    duplicateLines,
    deductions: settled,
  };
}

/** Each new deduction, matched where the match is unique; the claims a settlement changed are re-read as changed. */
async function matchAutomatically(
  deps: DeductionDeps,
  actor: Actor,
  deductions: readonly Deduction[],
  at: string,
): Promise<Deduction[]> {
  if (deductions.length === 0) return [];
  const payable = (await Promise.all(payableStatuses.map((status) => deps.claims.withStatus(status)))).flat();
  const claims = new Map<string, Claim>(payable.map((claim) => [claim.claimId, claim]));
  const context = { by: auditActor(actor), at, automatic: true };
  const result: Deduction[] = [];
  for (const deduction of deductions) {
    const match = matchDeduction(deduction, [...claims.values()], deps.tolerance);
    if (match.kind === 'none') {
      result.push(deduction);
      continue;
    }
    if (match.kind === 'ambiguous') {
      const waiting = {
        ...deduction,
        candidateClaimIds: match.candidateClaimIds,
        version: deduction.version + 1,
      };
      result.push((await deps.deductions.replace(waiting, 'open')) ? waiting : deduction);
      continue;
    }
    // Unique and within the tolerance: the claim is settled in full, the difference kept on the deduction.
    const amount = payableAmount(claims.get(match.claimId) as Claim) as string;
    const allocation = allocateDeduction(
      deduction,
      [{ claimId: match.claimId, amount }],
      claims,
      deps.tolerance,
    );
    const settled = await settleDeduction(deps, deduction, claims, allocation, context);
    if (settled === undefined) {
      result.push(deduction);
      continue;
    }
    for (const next of settled.claims) claims.set(next.claimId, next);
    result.push(settled.deduction);
  }
  return result;
}
