import type { Actor, Role } from '../access/actor';
import type { ClaimActor } from '../claims/claim';

/** Finance moves money; an admin may stand in. */
export const paymentRoles: readonly Role[] = ['finance', 'admin'];

/** The actor as a claim's audit trail and a batch record keep it. */
export function auditActor(actor: Actor): ClaimActor {
  return { userId: actor.userId, role: actor.role };
}
