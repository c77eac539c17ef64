import { type Actor, internalRoles } from '../access/actor';
import { requireRole } from '../access/policies';
import { NotFoundError } from '../shared/errors';
import type { Page, PageRequest } from '../shared/ports';
import type { PriceProtectionRun } from './price-protection-run';
import type { PriceProtectionDeps, RunWithLines } from './run-price-protection';

/** A run with its partner lines and claims (staff only: a run spans partners). */
export async function getPriceProtectionRun(
  deps: Pick<PriceProtectionDeps, 'claims' | 'store'>,
  actor: Actor,
  runId: string,
): Promise<RunWithLines> {
  requireRole(actor, internalRoles);
  const run = await deps.store.getRun(runId);
  if (run === undefined) throw new NotFoundError('Price protection run not found');
  const lines = await deps.store.linesOfRun(runId);
  const claimIds = lines.flatMap((line) => (line.claimId === undefined ? [] : [line.claimId]));
  const claims = await deps.claims.getAll(claimIds);
  return { run, lines, claims: claimIds.flatMap((id) => claims.get(id) ?? []) };
}

/** Runs, oldest first (staff only). */
export async function listPriceProtectionRuns(
  deps: Pick<PriceProtectionDeps, 'store'>,
  actor: Actor,
  page: PageRequest,
): Promise<Page<PriceProtectionRun>> {
  requireRole(actor, internalRoles);
  return deps.store.listRuns(page);
}
