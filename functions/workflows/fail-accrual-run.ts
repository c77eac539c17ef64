import { failAccrualRun } from '../../domain/accrual-runs/run-steps';
import { runFailureTask } from '../../events/accrual-run-tasks';
import { accruals } from '../accruals/accrual-deps';
import { workflowTask } from '../shared/entry-points';

/** Workflow catch: record why the run failed. */
export const handler = workflowTask(runFailureTask, async ({ runId, error }) => {
  const reason = [error?.Error, error?.Cause].filter(Boolean).join(': ') || 'Accrual run failed';
  if (runId !== undefined) await failAccrualRun(accruals, { runId, reason });
  return { runId, status: 'failed' };
});
