import type { ProgramRunResult } from '../../domain/accrual-runs/accrual-run';
import { completeAccrualRun } from '../../domain/accrual-runs/run-steps';
import { accruals } from '../accruals/accrual-deps';

/** Workflow step 3: summarize the run and publish AccrualRunCompleted. */
export const handler = async (event: { runId: string; results: ProgramRunResult[] }) =>
  completeAccrualRun(accruals, event);
