import { z } from 'zod';
import { caughtError } from './caught-error';

/**
 * The payloads the accrual-run state machine hands its Lambda tasks. The CDK task inputs are built from the
 * same schemas (`infra/constructs/task-payload.ts`), and each task's function parses its payload with one.
 */

const isoDate = z.iso.date();
const amountsByCurrency = z.record(z.string(), z.string());

/** Validate: an API run arrives with its id; the month-end schedule with the time it fired. */
export const prepareRunTask = z.union([
  z.object({ runId: z.string().min(1) }),
  z.object({ scheduledAt: z.iso.datetime({ offset: true }) }),
]);

/** One item of the Map over programs: the program version a step computes and posts. */
export const programStepTask = z.object({
  runId: z.string().min(1),
  programId: z.string().min(1),
  programVersion: z.number().int().positive(),
});

const periodRunResult = z.object({
  period: z.string(),
  measuredTo: isoDate,
  previouslyMeasured: z.object({ to: isoDate, runId: z.string() }).nullable(),
  postings: z.number().int().nonnegative(),
  postedOn: isoDate.nullable(),
  priorPeriod: z.boolean(),
  superseded: z.boolean(),
});

/** What one program step answered; the summary step receives one per program. */
export const programRunResult = z.object({
  programId: z.string(),
  programVersion: z.number().int().positive(),
  entries: z.number().int().nonnegative(),
  postings: z.number().int().nonnegative(),
  skippedLines: z.number().int().nonnegative(),
  posted: amountsByCurrency,
  earned: amountsByCurrency,
  entriesFingerprint: z.string(),
  periods: z.array(periodRunResult),
});

/** Summarize: the run and every program step's result. */
export const completeRunTask = z.object({
  runId: z.string().min(1),
  results: z.array(programRunResult),
});

/** The run's Catch: record why it failed (a schedule that failed before recording a run has no id). */
export const runFailureTask = z.object({
  runId: z.string().min(1).optional(),
  error: caughtError.optional(),
});
