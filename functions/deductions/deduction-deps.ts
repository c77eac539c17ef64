import { loadSettings } from '../shared/config';
import { createDeductionDeps, deductionSettings } from './create-deduction-deps';

/** Built once per Lambda container: everything the deduction functions use. */
export const deductions = createDeductionDeps(loadSettings(deductionSettings));
