import type { Actor } from '../access/actor';
import { requireRole } from '../access/policies';
import type { Claim } from '../claims/claim';
import { payableAmount, payableStatuses } from '../payments/claim-payment-status';
import { auditActor, paymentRoles } from '../payments/payment-actor';
import { runLimited } from '../payments/run-limited';
import { BusinessRuleError } from '../shared/errors';
import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';
import { type Deduction, type DeductionLine, sameLineKey } from './deduction';
import { allocateDeduction } from './deduction-allocation';
import { matchDeduction } from './match-deduction';
import { parseDeductionCsv } from './parse-deduction-csv';
import type { DeductionDeps } from './ports';
import { settleDeduction } from './settle-deduction';

/** Lines one import takes: each is a conditional write, and the request must finish within the API's 29 s. */
const maxImportLines = 5_000;
/** Deduction writes in flight at once. */
const writeConcurrency = 16;

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
  if (parsed.lines.length > maxImportLines) {
    throw new BusinessRuleError(`An import holds at most ${maxImportLines} deductions; split the file`, [
      { path: 'csv', message: `has ${parsed.lines.length} deduction lines` },
    ]);
  }
  // A line repeated within the file is a duplicate of its first occurrence, decided here rather than by
  // two concurrent writes racing for the same line key.
  const first = new Map<string, { lineNumber: number; deduction: Deduction }>();
  const repeated: { lineNumber: number; key: string }[] = [];
  for (const { lineNumber, line } of parsed.lines) {
    const deduction = deductionOf(deps, line, actor, at);
    const key = sameLineKey(deduction);
    if (first.has(key)) repeated.push({ lineNumber, key });
    else first.set(key, { lineNumber, deduction });
  }
  const candidates = [...first.values()];
  const outcomes = await runLimited(candidates, writeConcurrency, ({ deduction }) =>
    deps.deductions.create(deduction),
  );
  const created: Deduction[] = [];
  const stored = new Map<string, string>();
  const duplicateLines: { lineNumber: number; deductionId: string }[] = [];
  candidates.forEach(({ lineNumber, deduction }, index) => {
    const outcome = outcomes[index];
    const deductionId = outcome?.kind === 'duplicate' ? outcome.deductionId : deduction.deductionId;
    stored.set(sameLineKey(deduction), deductionId);
    if (outcome?.kind === 'duplicate') duplicateLines.push({ lineNumber, deductionId });
    else created.push(deduction);
  });
  for (const { lineNumber, key } of repeated) {
    duplicateLines.push({ lineNumber, deductionId: stored.get(key) as string });
  }
  duplicateLines.sort((a, b) => a.lineNumber - b.lineNumber);
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
