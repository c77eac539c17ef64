import { type Actor, internalRoles } from '../access/actor';
import { partnerScope, requireRole, requireVisibleTo } from '../access/policies';
import type { Page, PageRequest } from '../master-data/ports';
import { NotFoundError } from '../shared/errors';
import type { Claim } from './claim';
import type { ClaimFilter, ClaimQueries, ClaimStore } from './ports';

const readers = [...internalRoles, 'partner'] as const;

/** One claim with its lines, status, validation reasons and history; another partner's is "not found". */
export async function getClaim(
  deps: { readonly claims: ClaimStore },
  actor: Actor,
  claimId: string,
): Promise<Claim> {
  requireRole(actor, readers);
  const claim = await deps.claims.get(claimId);
  requireVisibleTo(actor, claim?.partnerId, 'Claim');
  if (claim === undefined) throw new NotFoundError('Claim not found');
  return claim;
}

/** Claims a page at a time: a partner user's own only (its partner filter is forced), staff every partner's. */
export async function listClaims(
  deps: { readonly claimQueries: ClaimQueries },
  actor: Actor,
  input: ClaimFilter & PageRequest,
): Promise<Page<Claim>> {
  requireRole(actor, readers);
  const { partnerId, status, programId, ...page } = input;
  const own = partnerScope(actor);
  if (own !== undefined && partnerId !== undefined && partnerId !== own) return { items: [] };
  return deps.claimQueries.list({ partnerId: own ?? partnerId, status, programId }, page);
}
