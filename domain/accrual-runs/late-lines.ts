import type { Actor } from '../access/actor';
import { internalRoles } from '../access/actor';
import { requireRole } from '../access/policies';
import type { SaleLine } from '../accruals/sale-line';
import { NotFoundError } from '../shared/errors';
import type { IsoDate } from '../shared/iso-date';
import { getVersioned } from '../shared/versioned-record';
import type { AccrualRunDeps } from './ports';
import { explainProgram } from './run-steps';

/** A line a run used that the run before it had not seen as it is now, though dated in what that run measured. */
export interface LateLine {
  readonly lineId: string;
  readonly partnerId: string;
  readonly invoiceDate: IsoDate;
  readonly quantity: string;
  readonly extendedAmount: string;
  readonly currency: string;
  /** `new`: the earlier run did not have the line; `restated`: it had another version of it. */
  readonly change: 'new' | 'restated';
  readonly sourceFileId: string | null;
  readonly sourceLineNumber: number | null;
}

/** Why a run changed a program period already measured: the late lines behind its true-ups. */
export interface LatePeriod {
  readonly period: string;
  readonly postings: number;
  readonly postedOn: IsoDate | null;
  readonly priorPeriod: boolean;
  /** The run that measured the period before, and the day it measured it to. */
  readonly previousRunId: string;
  readonly previouslyMeasuredTo: IsoDate;
  readonly lines: readonly LateLine[];
}

/** A line's content without where it came from: the same sale re-sent in another file is not restated. */
function contentOf(line: SaleLine): string {
  const { sourceFileId: _file, sourceLineNumber: _line, ...content } = line;
  return JSON.stringify(content, Object.keys(content).sort());
}

/**
 * Explains the postings of one program in a run into program periods an earlier run had measured: for each,
 * the lines behind its entries that are dated no later than the earlier run measured, and that this run read
 * new or restated compared with the earlier run's snapshot, with the file and line they came from.
 */
export async function lateLinesOfRun(
  deps: Pick<AccrualRunDeps, 'runs' | 'snapshots' | 'programVersions'>,
  actor: Actor,
  input: { readonly runId: string; readonly programId: string },
): Promise<LatePeriod[]> {
  requireRole(actor, internalRoles);
  const run = await getVersioned(deps.runs, input.runId, 'Accrual run');
  const step = run.programs.find((program) => program.programId === input.programId);
  const result = run.results.find((candidate) => candidate.programId === input.programId);
  if (step === undefined || result === undefined) {
    throw new NotFoundError(`program '${input.programId}' has no result in run '${input.runId}'`);
  }
  const changed = result.periods.filter(
    (period) => period.postings > 0 && period.previouslyMeasured !== null,
  );
  if (changed.length === 0) return [];
  const [lines, { entries }] = await Promise.all([
    deps.snapshots.read(run.runId),
    explainProgram(deps, run, step),
  ]);
  const byId = new Map(lines.map((line) => [line.lineId, line]));
  const late: LatePeriod[] = [];
  for (const period of changed) {
    const previous = period.previouslyMeasured;
    if (previous === null) continue;
    const before = new Map((await deps.snapshots.read(previous.runId)).map((line) => [line.lineId, line]));
    const used = new Set(
      entries.filter((entry) => entry.period === period.period).flatMap((entry) => entry.trace.sourceLineIds),
    );
    const lateLines: LateLine[] = [];
    for (const lineId of [...used].sort()) {
      const line = byId.get(lineId);
      if (line === undefined || line.invoiceDate > previous.to) continue;
      const earlier = before.get(lineId);
      if (earlier !== undefined && contentOf(earlier) === contentOf(line)) continue;
      lateLines.push({
        lineId,
        partnerId: line.partnerId,
        invoiceDate: line.invoiceDate,
        quantity: line.quantityBase,
        extendedAmount: line.extendedAmount,
        currency: line.currency,
        change: earlier === undefined ? 'new' : 'restated',
        sourceFileId: line.sourceFileId ?? null,
        sourceLineNumber: line.sourceLineNumber ?? null,
      });
    }
    late.push({
      period: period.period,
      postings: period.postings,
      postedOn: period.postedOn,
      priorPeriod: period.priorPeriod,
      previousRunId: previous.runId,
      previouslyMeasuredTo: previous.to,
      lines: lateLines,
    });
  }
  return late;
}
