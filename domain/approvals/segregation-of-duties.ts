import type { Actor } from '../access/actor';
import type { Claim, ClaimStatus } from '../claims/claim';
import { ForbiddenError } from '../shared/errors';
import type { ApprovalTask } from './approval-task';

/** Where a level's signature can take a claim from `inApproval`; a return to the partner signs nothing. */
const signingOutcomes: readonly ClaimStatus[] = ['inApproval', 'approved', 'partiallyApproved', 'rejected'];

/** The users who signed a level of `claim`, in order, read from its audit trail. */
export function levelSigners(claim: Pick<Claim, 'history'>): string[] {
  return claim.history
    .filter((entry) => entry.from === 'inApproval' && signingOutcomes.includes(entry.to))
    .map((entry) => entry.by.userId);
}

/**
 * Refuses (403) unless `actor` may decide `task` on `claim`: a partner never decides; the task's role (or an
 * admin) decides; whoever submitted the claim never approves it; one person never signs two levels.
 */
export function assertMayDecide(
  actor: Actor,
  claim: Pick<Claim, 'history' | 'submittedBy'>,
  task: ApprovalTask,
): void {
  if (actor.role === 'partner') throw new ForbiddenError('Partners do not decide claims');
  if (actor.role !== task.role && actor.role !== 'admin') {
    throw new ForbiddenError(`This task waits for role '${task.role}', not '${actor.role}'`);
  }
  if (actor.userId === claim.submittedBy.userId) {
    throw new ForbiddenError('Whoever submitted a claim may not approve it');
  }
  if (levelSigners(claim).includes(actor.userId)) {
    throw new ForbiddenError('You signed another level of this claim: a second person must sign this one');
  }
}
