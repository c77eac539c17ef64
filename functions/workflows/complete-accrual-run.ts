import { completeAccrualRun } from '../../domain/accrual-runs/run-steps';
import { completeRunTask } from '../../events/accrual-run-tasks';
import { accruals } from '../accruals/accrual-deps';
import { workflowTask } from '../shared/entry-points';
import { countBusiness } from '../shared/observability';

/** Workflow step 3: summarize the run and publish AccrualRunCompleted. */
export const handler = workflowTask(completeRunTask, async (input) => {
  const completed = await completeAccrualRun(accruals, input);
  countBusiness('AccrualRunsCompleted', 1);
  return completed;
});
