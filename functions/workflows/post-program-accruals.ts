import { type ProgramStep, postProgramAccruals } from '../../domain/accrual-runs/run-steps';
import { accruals } from '../accruals/accrual-deps';

/** Workflow step 2, once per program (Map): compute, diff against the ledger, post the deltas. */
export const handler = async (event: ProgramStep) => postProgramAccruals(accruals, event);
