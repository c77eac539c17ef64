import { loadSettings } from '../shared/config';
import { accrualSettings, createAccrualDeps } from './create-accrual-deps';

/** Built once per Lambda container: everything the program, run and ledger functions use. */
export const accruals = createAccrualDeps(loadSettings(accrualSettings));
