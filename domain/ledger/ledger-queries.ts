import type { Actor } from '../access/actor';
import { internalRoles } from '../access/actor';
import { requireRole, requireVisibleTo } from '../access/policies';
import { ValidationError } from '../shared/errors';
import type { IsoDate } from '../shared/iso-date';
import { buildCheckbooks, type Checkbook } from './checkbook';
import { assertJournalBalanced, type JournalLine, journalFor } from './gl-journal';
import { filterLedger } from './ledger-filter';
import type { LedgerPosting } from './ledger-posting';
import type { LedgerReader } from './ports';

/** A partner's checkbooks (earned, adjustments, claimed, paid, balance); a partner user sees only its own. */
export async function checkbookOf(
  ledger: LedgerReader,
  actor: Actor,
  input: { readonly partnerId: string; readonly programId?: string | undefined },
): Promise<Checkbook[]> {
  requireRole(actor, [...internalRoles, 'partner']);
  requireVisibleTo(actor, input.partnerId, 'Checkbook');
  return buildCheckbooks(await ledger.checkbookPostings(input.partnerId, input.programId));
}

/** The months (YYYY-MM) from `from` to `to`; an export spans at most two years. */
function monthsBetween(from: IsoDate, to: IsoDate): string[] {
  const index = (date: string) => Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1;
  const count = index(to) - index(from) + 1;
  // Compared as dates, not months: a `to` before `from` within one month is as wrong as across months.
  if (to < from || count > 24) {
    throw new ValidationError('the journal range must be 1 to 24 months', [
      { path: 'to', message: 'must be on or after from, at most 24 months later' },
    ]);
  }
  return Array.from({ length: count }, (_, offset) => {
    const month = index(from) + offset;
    return `${String(Math.floor(month / 12)).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`;
  });
}

/**
 * The GL journal for ERP: every posting with an accounting date in [from, to], optionally of one program or
 * partner, as balanced double entries (rebate expense / accrued liability, and so on per fund).
 */
export async function glJournal(
  ledger: LedgerReader,
  actor: Actor,
  input: {
    readonly from: IsoDate;
    readonly to: IsoDate;
    readonly programId?: string | undefined;
    readonly partnerId?: string | undefined;
  },
): Promise<JournalLine[]> {
  requireRole(actor, ['finance', 'approver', 'admin']);
  const postings: LedgerPosting[] = [];
  for (const month of monthsBetween(input.from, input.to))
    postings.push(...(await ledger.postingsOfMonth(month)));
  const selected = filterLedger(postings, {
    postedFrom: input.from,
    postedTo: input.to,
    ...(input.programId === undefined ? {} : { programId: input.programId }),
    ...(input.partnerId === undefined ? {} : { partnerId: input.partnerId }),
  }).sort((a, b) => (a.postedOn + a.postingId < b.postedOn + b.postingId ? -1 : 1));
  const lines = journalFor(selected);
  assertJournalBalanced(lines);
  return lines;
}

/** The balanced GL journal of one accrual run: the entries its postings make, for a run-by-run ERP import. */
export async function runJournal(ledger: LedgerReader, actor: Actor, runId: string): Promise<JournalLine[]> {
  requireRole(actor, ['finance', 'approver', 'admin']);
  const postings = await ledger.postingsOfRun(runId);
  const lines = journalFor([...postings].sort((a, b) => (a.postingId < b.postingId ? -1 : 1)));
  assertJournalBalanced(lines);
  return lines;
}

/** The postings one run made, for drill-down from a run to the ledger. */
export async function postingsOfRun(
  ledger: LedgerReader,
  actor: Actor,
  runId: string,
): Promise<LedgerPosting[]> {
  requireRole(actor, internalRoles);
  return ledger.postingsOfRun(runId);
}
