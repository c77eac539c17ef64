import type { Role } from './api-types';
import type { Session } from './session';

/**
 * Which staff roles may take each action, as the API's use cases decide (restated: the lint keeps domain
 * values out of the bundle). It only hides buttons a role could not use; the API still refuses them.
 */
const actionRoles = {
  decideDeals: ['channel_manager', 'approver', 'admin'],
  recordDealOutcome: ['channel_manager'],
  authorizeWonDeal: ['channel_manager'],
  detectBillBacks: ['channel_manager', 'admin'],
  runPriceProtection: ['channel_manager', 'admin'],
  allocateFunds: ['channel_manager', 'admin'],
} as const satisfies Record<string, readonly Role[]>;

export type StaffAction = keyof typeof actionRoles;

export const may = (session: Session, action: StaffAction) =>
  (actionRoles[action] as readonly Role[]).includes(session.role);
