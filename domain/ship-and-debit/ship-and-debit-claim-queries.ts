import { type Actor, internalRoles } from '../access/actor';
import { partnerScope, requireRole, requireVisibleTo } from '../access/policies';
import { NotFoundError } from '../shared/errors';
import type { Page, PageRequest } from '../shared/ports';
import type { ShipAndDebitClaimStore } from './ports';
import type { ShipAndDebitClaim } from './ship-and-debit-claim';

const readers = [...internalRoles, 'partner'] as const;

/** One ship & debit claim with its lines' results and 849; another partner's is "not found". */
export async function getShipAndDebitClaim(
  deps: { readonly claims: ShipAndDebitClaimStore },
  actor: Actor,
  claimId: string,
): Promise<ShipAndDebitClaim> {
  requireRole(actor, readers);
  const claim = await deps.claims.get(claimId);
  requireVisibleTo(actor, claim?.partnerId, 'Ship & debit claim');
  if (claim === undefined) throw new NotFoundError('Ship & debit claim not found');
  return claim;
}

/** Ship & debit claims a page at a time: a partner user's own only, staff every partner's (or one's). */
export async function listShipAndDebitClaims(
  deps: { readonly claims: ShipAndDebitClaimStore },
  actor: Actor,
  input: PageRequest & { readonly partnerId?: string | undefined },
): Promise<Page<ShipAndDebitClaim>> {
  requireRole(actor, readers);
  const { partnerId, ...page } = input;
  const own = partnerScope(actor);
  if (own !== undefined && partnerId !== undefined && partnerId !== own) return { items: [] };
  return deps.claims.list(own ?? partnerId, page);
}
