import { z } from 'zod';
import type { RunPeriod } from '../accruals/measurement-window';
import { type IsoDate, isoDateSchema } from '../shared/iso-date';
import type { LineSource } from './line-state';
import type { UnreadableLine } from './run-lines';

/**
 * How far runs have measured a program period: the last day of its window in the latest-measuring run, and
 * that run. Runs never measure a period to an earlier day than this, so the ledger never goes backwards.
 */
export interface Measurement {
  readonly to: IsoDate;
  readonly runId: string;
}

/** What a finance user (or the month-end schedule) asks for: the run period and the accounting date. */
export const accrualRunRequestSchema = z
  .object({
    period: z
      .object({
        start: isoDateSchema.describe('First day of the run period (ISO date)'),
        end: isoDateSchema.describe(
          'Last day measured (ISO date): each program period containing it is measured from its own start to this day',
        ),
      })
      .describe(
        'The run period. Runs are period-to-date; a day earlier than one a program period was already measured to is measured as of that later day (runs never go backwards)',
      ),
    /** The date postings carry in the GL; the period's last day unless given. */
    accountingDate: isoDateSchema
      .optional()
      .describe(
        'Date postings carry in the GL; `period.end` unless given. In a closed accounting month, postings move to the 1st of the first open month',
      ),
  })
  .superRefine((request, ctx) => {
    if (request.period.end < request.period.start) {
      ctx.addIssue({ code: 'custom', path: ['period', 'end'], message: 'must not be before period.start' });
    }
    if (request.accountingDate !== undefined && request.accountingDate < request.period.start) {
      ctx.addIssue({ code: 'custom', path: ['accountingDate'], message: 'must not be before period.start' });
    }
  });
export type AccrualRunRequest = z.infer<typeof accrualRunRequestSchema>;

/** What one program's step of a run did to one program period. */
export interface PeriodRunResult {
  readonly period: string;
  /** The last day the run measured the period to: its own end, or a later one when a run measured further. */
  readonly measuredTo: IsoDate;
  /** How far the period was measured before, and by which run: the baseline late lines are found against. */
  readonly previouslyMeasured: Measurement | null;
  readonly postings: number;
  /** The accounting date of the postings: the run's, or the first open day after it when its month is closed. */
  readonly postedOn: IsoDate | null;
  /** The period ended before the month of `postedOn`: postings are prior-period true-ups. */
  readonly priorPeriod: boolean;
  /** A run that measured the period further posted while this one ran; this run left the period alone. */
  readonly superseded: boolean;
}

/** What one program's step of a run did. Amounts per currency are decimal strings. */
export interface ProgramRunResult {
  readonly programId: string;
  readonly programVersion: number;
  readonly entries: number;
  readonly postings: number;
  readonly skippedLines: number;
  /** Sum of the amounts the step posted (the run's net change of earned), per currency. */
  readonly posted: Readonly<Record<string, string>>;
  /** Sum of the entries recomputed (period-to-date earned), per currency. */
  readonly earned: Readonly<Record<string, string>>;
  /** Digest of every entry's key and amount; a replay that reproduces it reproduced the run exactly. */
  readonly entriesFingerprint: string;
  readonly periods: readonly PeriodRunResult[];
}

/**
 * One accrual run, from request to summary. It records what it read so it can be replayed: the program
 * versions, the months of lines, a fingerprint of the line set and the snapshot of those lines.
 */
export interface AccrualRunRecord {
  readonly runId: string;
  readonly trigger: 'schedule' | 'api';
  readonly requestedBy: string;
  readonly period: RunPeriod;
  readonly accountingDate: string;
  readonly status: 'requested' | 'running' | 'completed' | 'failed';
  readonly months: readonly string[];
  /**
   * The program versions in force and the last day each was measured to: the run's end, or later when a run
   * had already measured a period of the program further (runs never move the ledger backwards).
   */
  readonly programs: readonly {
    readonly programId: string;
    readonly programVersion: number;
    readonly measuredTo?: IsoDate;
  }[];
  readonly lineCount: number;
  readonly lineSetFingerprint: string | null;
  readonly unreadableLines: readonly UnreadableLine[];
  /** Whether the lines were read or taken from an earlier run's snapshot (absent on runs before counters). */
  readonly lineSource?: LineSource;
  readonly results: readonly ProgramRunResult[];
  readonly failure: string | null;
  readonly completedAt: string | null;
}

/** The previous calendar month of an instant, as the month-end schedule runs it (fired early on the 1st). */
export function previousMonth(at: Date): RunPeriod {
  const year = at.getUTCFullYear();
  const month = at.getUTCMonth(); // 0-based: the current month's index is the previous month's number
  const start = month === 0 ? `${year - 1}-12-01` : `${year}-${String(month).padStart(2, '0')}-01`;
  const lastDay = new Date(Date.UTC(month === 0 ? year - 1 : year, month === 0 ? 12 : month, 0)).getUTCDate();
  return { start, end: `${start.slice(0, 8)}${String(lastDay).padStart(2, '0')}` };
}
