import type { Actor, Role } from '../access/actor';
import { internalRoles } from '../access/actor';
import { requireRole, requireVisibleTo } from '../access/policies';
import { accrualKey } from '../accruals/accrual-entry';
import { fingerprintLines } from '../accruals/engine/compute-accruals';
import { getCatalogRecord, listCatalogRecords, staffReadCatalog } from '../master-data/catalog-use-cases';
import { AlreadyExistsError, BusinessRuleError, NotFoundError } from '../shared/errors';
import type { Page, PageRequest, Stored } from '../shared/ports';
import { createVersioned, getVersioned } from '../shared/versioned-record';
import { type AccrualRunRecord, type AccrualRunRequest, previousMonth } from './accrual-run';
import { accrualEntriesVisibleTo, type VisibleAccrualEntry } from './beneficiary-view';
import type { AccrualRunDeps } from './ports';
import { entriesFingerprint } from './program-computation';
import { explainProgram, recomputeProgram } from './run-steps';

/** Finance closes the books, so finance (and admins) start runs. */
const runRequesters: readonly Role[] = ['finance', 'admin'];

const runCatalog = (deps: AccrualRunDeps) => staffReadCatalog('Accrual run', deps.runs, deps.clock);

function newRun(
  runId: string,
  trigger: AccrualRunRecord['trigger'],
  requestedBy: string,
  request: AccrualRunRequest,
): AccrualRunRecord {
  return {
    runId,
    trigger,
    requestedBy,
    period: request.period,
    accountingDate: request.accountingDate ?? request.period.end,
    status: 'requested',
    months: [],
    programs: [],
    lineCount: 0,
    lineSetFingerprint: null,
    unreadableLines: [],
    results: [],
    failure: null,
    completedAt: null,
  };
}

/** Records an on-demand run and starts its workflow; the answer comes before the run ends (HTTP 202). */
export async function requestAccrualRun(
  deps: AccrualRunDeps,
  actor: Actor,
  request: AccrualRunRequest,
): Promise<Stored<AccrualRunRecord>> {
  requireRole(actor, runRequesters);
  const runId = `${request.period.end.slice(0, 7)}-${deps.newId()}`;
  const run = await createVersioned(deps.runs, deps.clock, newRun(runId, 'api', actor.userId, request));
  await deps.workflow.start(runId);
  return run;
}

/**
 * The month-end schedule's run of the month before `scheduledAt`. Its id is the month, so a schedule
 * delivered twice (EventBridge delivers at least once) finds the run already recorded and runs it once.
 */
export async function recordScheduledRun(deps: AccrualRunDeps, scheduledAt: Date): Promise<string> {
  const period = previousMonth(scheduledAt);
  const runId = `month-end-${period.start.slice(0, 7)}`;
  try {
    await createVersioned(deps.runs, deps.clock, newRun(runId, 'schedule', 'schedule', { period }));
  } catch (error) {
    if (!(error instanceof AlreadyExistsError)) throw error;
  }
  return runId;
}

/** Reads one run: its status, months, programs and results. */
export function getAccrualRun(
  deps: AccrualRunDeps,
  actor: Actor,
  runId: string,
): Promise<Stored<AccrualRunRecord>> {
  return getCatalogRecord(runCatalog(deps), actor, runId);
}

/** Lists runs a page at a time. */
export function listAccrualRuns(
  deps: AccrualRunDeps,
  actor: Actor,
  page: PageRequest,
): Promise<Page<Stored<AccrualRunRecord>>> {
  return listCatalogRecords(runCatalog(deps), actor, page);
}

/** How a replay compares with the run as recorded, per program. */
export interface ReplayComparison {
  readonly runId: string;
  readonly identical: boolean;
  /** The line-set fingerprint recorded when the run read its lines, and that of its snapshot now. */
  readonly lines: {
    readonly recorded: string | null;
    readonly replayed: string;
    readonly identical: boolean;
  };
  readonly programs: readonly {
    readonly programId: string;
    readonly programVersion: number;
    readonly recorded: string;
    readonly replayed: string;
    readonly identical: boolean;
  }[];
}

/**
 * Recomputes a completed run from what it recorded (its line snapshot and program versions) and compares
 * every program's entries with the digest recorded at the time, and the snapshot's lines with the
 * fingerprint of the lines the run read: the proof that the run is deterministic and read these lines.
 */
export async function replayAccrualRun(
  deps: AccrualRunDeps,
  actor: Actor,
  runId: string,
): Promise<ReplayComparison> {
  requireRole(actor, internalRoles);
  const run = await getVersioned(deps.runs, runId, 'Accrual run');
  if (run.status !== 'completed') throw new BusinessRuleError(`accrual run '${runId}' is ${run.status}`);
  const snapshot = await deps.snapshots.read(run.runId);
  const replayedLines = fingerprintLines(snapshot);
  const lines = {
    recorded: run.lineSetFingerprint,
    replayed: replayedLines,
    identical: replayedLines === run.lineSetFingerprint,
  };
  const programs = [];
  for (const result of run.results) {
    const replayed = entriesFingerprint((await recomputeProgram(deps, run, result, snapshot)).entries);
    programs.push({
      programId: result.programId,
      programVersion: result.programVersion,
      recorded: result.entriesFingerprint,
      replayed,
      identical: replayed === result.entriesFingerprint,
    });
  }
  return {
    runId,
    identical: lines.identical && programs.every((program) => program.identical),
    lines,
    programs,
  };
}

/**
 * Explains the entries of one program in a run: each with its trace (source lines, basis, tier reached,
 * rate, rounding), recomputed from the run's snapshot. A partner sees only entries it earns or generated,
 * and what another partner's sales earned it only as totals per product and period (beneficiary-view.ts).
 */
export async function explainRunEntries(
  deps: AccrualRunDeps,
  actor: Actor,
  input: { readonly runId: string; readonly programId: string; readonly partnerId?: string | undefined },
): Promise<VisibleAccrualEntry[]> {
  requireRole(actor, [...internalRoles, 'partner']);
  const partnerId = actor.role === 'partner' ? actor.partnerId : input.partnerId;
  requireVisibleTo(actor, partnerId, 'Accrual');
  const run = await getVersioned(deps.runs, input.runId, 'Accrual run');
  const step = run.programs.find((program) => program.programId === input.programId);
  if (step === undefined)
    throw new NotFoundError(`program '${input.programId}' is not in run '${input.runId}'`);
  const { entries } = await explainProgram(deps, run, step);
  const entriesOfPartner = entries
    .filter(
      (entry) =>
        partnerId === undefined || entry.partnerId === partnerId || entry.beneficiaryPartnerId === partnerId,
    )
    .map((entry) => ({ ...entry, key: accrualKey(entry) }));
  return accrualEntriesVisibleTo(actor, entriesOfPartner);
}
