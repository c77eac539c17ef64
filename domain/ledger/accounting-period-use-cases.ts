import { z } from 'zod';
import type { Actor, Role } from '../access/actor';
import { requireRole } from '../access/policies';
import { listCatalogRecords, staffReadCatalog } from '../master-data/catalog-use-cases';
import { BusinessRuleError, ValidationError } from '../shared/errors';
import type { Clock, Page, PageRequest, RecordStore, Stored } from '../shared/ports';
import { createVersioned, replaceVersioned } from '../shared/versioned-record';
import {
  type AccountingPeriod,
  type AccountingPeriodChange,
  accountingMonthSchema,
} from './accounting-period';

export interface AccountingPeriodDeps {
  readonly accountingPeriods: RecordStore<AccountingPeriod>;
  readonly clock: Clock;
}

/** Finance closes the books; reopening them changes what was reported, so only an admin may, with a reason. */
const closers: readonly Role[] = ['finance', 'admin'];
const reopeners: readonly Role[] = ['admin'];

const reasonSchema = z.string().trim().min(1, 'must not be empty').max(1000);
/** A close may say why (e.g. "March books signed off"). */
export const accountingPeriodCloseSchema = z.object({
  reason: reasonSchema.optional().describe('Why it is closed (kept in the audit history)'),
});
/** A reopen must say why: it changes books already reported. */
export const accountingPeriodReopenSchema = z.object({
  reason: reasonSchema.describe('Why it is reopened (required: it changes books already reported)'),
});

function parsedMonth(month: string): string {
  const parsed = accountingMonthSchema.safeParse(month);
  if (!parsed.success) {
    throw new ValidationError('invalid accounting month', [{ path: 'month', message: 'must be YYYY-MM' }]);
  }
  return parsed.data;
}

/**
 * Closes an accounting month: from then on nothing is posted dated into it (the ledger refuses it in the
 * same transaction as the posting, so a close racing a run cannot let one slip in). Audited.
 */
export async function closeAccountingPeriod(
  deps: AccountingPeriodDeps,
  actor: Actor,
  input: { readonly month: string; readonly reason?: string | undefined },
): Promise<Stored<AccountingPeriod>> {
  requireRole(actor, closers);
  const month = parsedMonth(input.month);
  const change: AccountingPeriodChange = {
    action: 'closed',
    by: actor.userId,
    at: deps.clock().toISOString(),
    reason: input.reason ?? null,
  };
  const current = await deps.accountingPeriods.get(month);
  if (current === undefined) {
    return createVersioned(deps.accountingPeriods, deps.clock, {
      month,
      status: 'closed',
      history: [change],
    });
  }
  if (current.status === 'closed') throw new BusinessRuleError(`accounting month ${month} is already closed`);
  return replaceVersioned(deps.accountingPeriods, deps.clock, current, current.version, {
    month,
    status: 'closed',
    history: [...current.history, change],
  });
}

/** Reopens a closed accounting month (admin only, with a reason). Audited. */
export async function reopenAccountingPeriod(
  deps: AccountingPeriodDeps,
  actor: Actor,
  input: { readonly month: string; readonly reason?: string | undefined },
): Promise<Stored<AccountingPeriod>> {
  requireRole(actor, reopeners);
  const month = parsedMonth(input.month);
  if (input.reason === undefined) {
    throw new ValidationError('a reopened month needs a reason', [
      { path: 'reason', message: 'is required to reopen a month' },
    ]);
  }
  const current = await deps.accountingPeriods.get(month);
  if (current?.status !== 'closed') throw new BusinessRuleError(`accounting month ${month} is not closed`);
  return replaceVersioned(deps.accountingPeriods, deps.clock, current, current.version, {
    month,
    status: 'open',
    history: [
      ...current.history,
      { action: 'reopened', by: actor.userId, at: deps.clock().toISOString(), reason: input.reason },
    ],
  });
}

/** Accounting months that were ever closed, with their status and history (staff), oldest first. */
export function listAccountingPeriods(
  deps: AccountingPeriodDeps,
  actor: Actor,
  page: PageRequest,
): Promise<Page<Stored<AccountingPeriod>>> {
  return listCatalogRecords(
    staffReadCatalog('Accounting period', deps.accountingPeriods, deps.clock),
    actor,
    page,
  );
}

/** Every closed accounting month (a few a year: read whole before posting). */
export async function closedMonths(periods: RecordStore<AccountingPeriod>): Promise<Set<string>> {
  const closed = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await periods.list({ limit: 100, cursor });
    for (const period of page.items) if (period.status === 'closed') closed.add(period.month);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return closed;
}
