import type { Actor, Role } from '../access/actor';
import { requireRole } from '../access/policies';
import type { AccrualLedger } from '../accrual-runs/ports';
import { getCatalogRecord, listCatalogRecords, staffReadCatalog } from '../master-data/catalog-use-cases';
import type { Clock, Page, PageRequest, RecordStore, Stored } from '../master-data/ports';
import { createVersioned, getVersioned, replaceVersioned } from '../master-data/versioned-record';
import { BusinessRuleError, VersionConflictError } from '../shared/errors';
import { type AccountingPeriod, assertOpen } from './accounting-period';
import { closedMonths } from './accounting-period-use-cases';
import {
  approveManualAdjustment,
  type ManualAdjustment,
  type ManualAdjustmentRequest,
  rejectManualAdjustment,
  requestManualAdjustment,
} from './manual-adjustment';
import { postOnce } from './post-once';

export interface AdjustmentDeps {
  readonly adjustments: RecordStore<ManualAdjustment>;
  readonly ledger: AccrualLedger;
  readonly accountingPeriods: RecordStore<AccountingPeriod>;
  readonly clock: Clock;
  readonly newId: () => string;
}

/** Finance requests adjustments; a second person (approver, or other finance user) decides them. */
const requesters: readonly Role[] = ['finance', 'admin'];
const deciders: readonly Role[] = ['approver', 'finance', 'admin'];

const adjustmentCatalog = (deps: AdjustmentDeps) =>
  staffReadCatalog('Adjustment', deps.adjustments, deps.clock);

const today = (clock: Clock) => clock().toISOString().slice(0, 10);

export async function requestAdjustment(
  deps: AdjustmentDeps,
  actor: Actor,
  request: ManualAdjustmentRequest,
): Promise<Stored<ManualAdjustment>> {
  requireRole(actor, requesters);
  const adjustment = requestManualAdjustment(request, {
    adjustmentId: `ADJ-${deps.newId()}`,
    requestedBy: actor.userId,
    requestedOn: today(deps.clock),
  });
  return createVersioned(deps.adjustments, deps.clock, adjustment);
}

/**
 * Approves an adjustment and posts it to its program period's ledger. Main course: the decision rules
 * (someone other than the requester) → the posting, dated today, refused when today's accounting month is
 * closed → appended with the period's sequence (retried when a run posts at the same moment; the ledger
 * refuses a month closed meanwhile) → the adjustment marked approved. A crash between the two leaves it
 * requested with its posting already in the ledger; approving again finds the posting and only marks it.
 */
export async function approveAdjustment(
  deps: AdjustmentDeps,
  actor: Actor,
  input: { readonly adjustmentId: string; readonly expectedVersion: number },
): Promise<Stored<ManualAdjustment>> {
  requireRole(actor, deciders);
  const current = await getVersioned(deps.adjustments, input.adjustmentId, 'Adjustment');
  if (current.version !== input.expectedVersion) {
    throw new VersionConflictError(`Version ${input.expectedVersion} is stale`, current.version);
  }
  if (current.status !== 'requested') {
    throw new BusinessRuleError(`adjustment '${input.adjustmentId}' is already ${current.status}`);
  }
  const { adjustment, posting } = approveManualAdjustment(current, {
    approvedBy: actor.userId,
    approvedOn: today(deps.clock),
  });
  assertOpen(await closedMonths(deps.accountingPeriods), posting.postedOn);
  await postOnce(deps.ledger, posting);
  return replaceVersioned(deps.adjustments, deps.clock, current, input.expectedVersion, adjustment);
}

export async function rejectAdjustment(
  deps: AdjustmentDeps,
  actor: Actor,
  input: { readonly adjustmentId: string; readonly expectedVersion: number; readonly reason: string },
): Promise<Stored<ManualAdjustment>> {
  requireRole(actor, deciders);
  const current = await getVersioned(deps.adjustments, input.adjustmentId, 'Adjustment');
  if (current.status !== 'requested') {
    throw new BusinessRuleError(`adjustment '${input.adjustmentId}' is already ${current.status}`);
  }
  const rejected = rejectManualAdjustment(current, {
    rejectedBy: actor.userId,
    rejectedOn: today(deps.clock),
    reason: input.reason,
  });
  return replaceVersioned(deps.adjustments, deps.clock, current, input.expectedVersion, rejected);
}

/** Reads one adjustment. */
export function getAdjustment(
  deps: AdjustmentDeps,
  actor: Actor,
  adjustmentId: string,
): Promise<Stored<ManualAdjustment>> {
  return getCatalogRecord(adjustmentCatalog(deps), actor, adjustmentId);
}

/** Lists adjustments a page at a time. */
export function listAdjustments(
  deps: AdjustmentDeps,
  actor: Actor,
  page: PageRequest,
): Promise<Page<Stored<ManualAdjustment>>> {
  return listCatalogRecords(adjustmentCatalog(deps), actor, page);
}
