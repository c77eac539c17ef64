import { prepareAccrualRun } from '../../domain/accrual-runs/run-steps';
import { recordScheduledRun } from '../../domain/accrual-runs/run-use-cases';
import { prepareRunTask } from '../../events/accrual-run-tasks';
import { accruals } from '../accruals/accrual-deps';
import { workflowTask } from '../shared/entry-points';

/**
 * Workflow step 1. An API run arrives with its id; the month-end schedule arrives with the time it fired
 * and is recorded here as the run of the month before.
 */
export const handler = workflowTask(prepareRunTask, async (input) => {
  const runId =
    'runId' in input ? input.runId : await recordScheduledRun(accruals, new Date(input.scheduledAt));
  const programs = await prepareAccrualRun(accruals, runId);
  return { runId, programs };
});
