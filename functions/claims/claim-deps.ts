import { loadSettings } from '../shared/config';
import { claimSettings, createClaimDeps } from './create-claim-deps';

/** Built once per Lambda container: everything the claim functions use. */
export const claimDeps = createClaimDeps(loadSettings(claimSettings));
