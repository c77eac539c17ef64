import type { Actor } from '../access/actor';
import { internalRoles } from '../access/actor';
import { partnerScope, requireRole } from '../access/policies';
import type { Page, PageRequest } from '../shared/ports';
import type { DealReminder } from './deal-registration';
import type { DealRegistrationDeps } from './ports';

/**
 * Expiry reminders, newest first: a partner user its own (naming another partner finds nothing); staff one
 * partner's or every partner's (the channel managers' list).
 */
export async function listDealReminders(
  deps: Pick<DealRegistrationDeps, 'reminders'>,
  actor: Actor,
  input: PageRequest & { readonly partnerId?: string | undefined },
): Promise<Page<DealReminder>> {
  requireRole(actor, [...internalRoles, 'partner']);
  const { partnerId, ...page } = input;
  const own = partnerScope(actor);
  if (own !== undefined && partnerId !== undefined && partnerId !== own) return { items: [] };
  return deps.reminders.list(own ?? partnerId, page);
}
