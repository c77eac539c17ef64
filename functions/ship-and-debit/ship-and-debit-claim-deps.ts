import { createShipAndDebitClaimDeps, loadShipAndDebitClaimSettings } from './ship-and-debit-deps';

/** Built once per Lambda container: what the ship & debit claim functions use. */
export const shipAndDebitClaimDeps = createShipAndDebitClaimDeps(loadShipAndDebitClaimSettings());
