import type { Actor } from '../access/actor';
import { internalRoles } from '../access/actor';
import { requireRole } from '../access/policies';
import type { Page, PageRequest } from '../shared/ports';
import type { Deduction, DeductionStatus } from './deduction';
import { type AgedDeduction, aged } from './deduction-aging';
import { deductionOrNotFound } from './deduction-decisions';
import type { DeductionDeps } from './ports';

/**
 * Staff list deductions of one status, oldest import first; open ones carry their age and aging bucket (the
 * aging report). Partners never see deductions: they are the manufacturer's receivables.
 */
export async function listDeductions(
  deps: DeductionDeps,
  actor: Actor,
  status: DeductionStatus,
  page: PageRequest,
): Promise<Page<Deduction | AgedDeduction>> {
  requireRole(actor, internalRoles);
  const found = await deps.deductions.withStatus(status, page);
  if (status !== 'open') return found;
  const today = deps.clock().toISOString().slice(0, 10);
  return { ...found, items: found.items.map((deduction) => aged(deduction, today)) };
}

export async function getDeduction(deps: DeductionDeps, actor: Actor, deductionId: string) {
  requireRole(actor, internalRoles);
  const deduction = await deductionOrNotFound(deps, deductionId);
  return deduction.status === 'open' ? aged(deduction, deps.clock().toISOString().slice(0, 10)) : deduction;
}
