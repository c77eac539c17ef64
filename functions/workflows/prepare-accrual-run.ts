import { prepareAccrualRun } from '../../domain/accrual-runs/run-steps';
import { recordScheduledRun } from '../../domain/accrual-runs/run-use-cases';
import { accruals } from '../accruals/accrual-deps';

/**
 * Workflow step 1. An API run arrives with its id; the month-end schedule arrives with the time it fired
 * and is recorded here as the run of the month before.
 */
export const handler = async (event: { runId?: string; scheduledAt?: string }) => {
  const runId = event.runId ?? (await recordScheduledRun(accruals, new Date(event.scheduledAt ?? '')));
  const programs = await prepareAccrualRun(accruals, runId);
  return { runId, programs };
};
