import { completeAccrualRun } from '../../domain/accrual-runs/run-steps';
import { completeRunTask } from '../../events/accrual-run-tasks';
import { accruals } from '../accruals/accrual-deps';
import { workflowTask } from '../shared/entry-points';

/** Workflow step 3: summarize the run and publish AccrualRunCompleted. */
export const handler = workflowTask(completeRunTask, (input) => completeAccrualRun(accruals, input));
