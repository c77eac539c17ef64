import { loadSettings } from '../shared/config';
import { createFundDeps, fundSettings } from './create-fund-deps';

/** Built once per Lambda container: everything the fund functions use. */
export const fundDeps = createFundDeps(loadSettings(fundSettings));
