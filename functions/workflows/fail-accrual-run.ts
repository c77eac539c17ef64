import { failAccrualRun } from '../../domain/accrual-runs/run-steps';
import { accruals } from '../accruals/accrual-deps';

/** Workflow catch: record why the run failed. */
export const handler = async (event: { runId?: string; error?: { Error?: string; Cause?: string } }) => {
  const reason = [event.error?.Error, event.error?.Cause].filter(Boolean).join(': ') || 'Accrual run failed';
  if (event.runId !== undefined) await failAccrualRun(accruals, { runId: event.runId, reason });
  return { runId: event.runId, status: 'failed' };
};
