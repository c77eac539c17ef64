import { postProgramAccruals } from '../../domain/accrual-runs/run-steps';
import { programStepTask } from '../../events/accrual-run-tasks';
import { accruals } from '../accruals/accrual-deps';
import { workflowTask } from '../shared/entry-points';
import { countBusiness } from '../shared/observability';

/** Workflow step 2, once per program (Map): compute, diff against the ledger, post the deltas. */
export const handler = workflowTask(programStepTask, async (step) => {
  const result = await postProgramAccruals(accruals, step);
  countBusiness('PostingsWritten', result.postings);
  return result;
});
