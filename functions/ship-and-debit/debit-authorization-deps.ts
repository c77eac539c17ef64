import { loadConfig } from '../shared/config';
import { createDebitAuthorizationDeps } from './ship-and-debit-deps';

/** Built once per Lambda container: what the debit authorization functions use. */
export const debitAuthorizationDeps = createDebitAuthorizationDeps(loadConfig());
