import type { Actor, Role } from '../access/actor';
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

/** Who asked for what is decided, and who signed its earlier levels. */
export interface SigningRecord {
  /** What is decided, as errors name it ("claim", "fund request"). */
  readonly what: string;
  /** Unknown on records kept from before requesters were recorded: then only the other rules apply. */
  readonly requestedBy: string | undefined;
  readonly signers: readonly string[];
}

/**
 * Refuses (403) unless `actor` may sign a level that waits for `role`: a partner never decides; the role (or
 * an admin) decides; whoever asked never approves; one person never signs two levels.
 */
export function assertMaySign(actor: Actor, role: Role, record: SigningRecord): void {
  if (actor.role === 'partner') throw new ForbiddenError(`Partners do not decide a ${record.what}`);
  if (actor.role !== role && actor.role !== 'admin') {
    throw new ForbiddenError(`This task waits for role '${role}', not '${actor.role}'`);
  }
  if (actor.userId === record.requestedBy) {
    throw new ForbiddenError(`Whoever submitted a ${record.what} may not approve it`);
  }
  if (record.signers.includes(actor.userId)) {
    throw new ForbiddenError(
      `You signed another level of this ${record.what}: a second person must sign this one`,
    );
  }
}

/** `assertMaySign` for a claim's task: the submitter and the claim's level signers from its audit trail. */
export function assertMayDecide(
  actor: Actor,
  claim: Pick<Claim, 'history' | 'submittedBy'>,
  task: Pick<ApprovalTask, 'role'>,
): void {
  assertMaySign(actor, task.role, {
    what: 'claim',
    requestedBy: claim.submittedBy.userId,
    signers: levelSigners(claim),
  });
}
