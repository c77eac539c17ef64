import type { Actor } from '../access/actor';
import { requireRole, requireVisibleTo } from '../access/policies';
import type { Claim } from '../claims/claim';
import { ForbiddenError, NotFoundError, StateConflictError } from '../shared/errors';
import type { Page } from '../shared/ports';
import { type ApprovalDecision, approvalDecisionSchema, decideClaim } from './approval-decision';
import { parseDecision } from './approval-subject';
import { type ApprovalTask, type InboxTask, isRequestTask, type RequestApprovalTask } from './approval-task';
import { answerReturn } from './approval-transitions';
import type { ApprovalDeps, RequestApprovalDeps } from './ports';
import { decideRequestTask } from './request-approval-use-cases';
import { assertMayDecide } from './segregation-of-duties';

/** The error a rejection ends the workflow's wait with (SendTaskFailure); the workflow catches it. */
export const claimRejectedError = 'ClaimRejected';

/** Tasks waiting for the caller's role, oldest first; partners have no inbox (403). */
export async function listInbox(
  deps: Pick<ApprovalDeps, 'tasks'>,
  actor: Actor,
  page: { readonly limit: number; readonly cursor?: string | undefined },
): Promise<Page<InboxTask>> {
  if (actor.role === 'partner') throw new ForbiddenError('Partners have no approval inbox');
  return deps.tasks.waitingFor(actor.role, page);
}

async function claimOf(deps: Pick<ApprovalDeps, 'claims'>, claimId: string): Promise<Claim> {
  const claim = await deps.claims.get(claimId);
  if (!claim) throw new NotFoundError(`Claim '${claimId}' not found`);
  return claim;
}

/** What a decision answers: the closed task, with the claim or the request it decided. */
export type TaskDecided =
  | { readonly task: ApprovalTask; readonly claim: Claim }
  | { readonly task: RequestApprovalTask; readonly request: unknown };

/**
 * Decides a waiting task of the inbox, whatever its subject. The body is parsed with the decision schema of
 * the task's subject: a claim's (below) or a request kind's (`decideRequestTask`).
 */
export async function decideInboxTask(
  deps: ApprovalDeps & RequestApprovalDeps,
  actor: Actor,
  input: { readonly taskId: string; readonly decision: unknown },
): Promise<TaskDecided> {
  requireRole(actor, ['approver', 'finance', 'admin']);
  const task = await waitingTask(deps, input.taskId);
  if (isRequestTask(task)) return decideRequestTask(deps, actor, { task, decision: input.decision });
  return decideTask(deps, actor, {
    taskId: input.taskId,
    decision: parseDecision(approvalDecisionSchema, input.decision),
  });
}

/** The task to decide: one the inbox lists (404 otherwise) that still waits (409 otherwise). */
async function waitingTask(deps: Pick<ApprovalDeps, 'tasks'>, taskId: string): Promise<InboxTask> {
  const task = await deps.tasks.get(taskId);
  if (task?.kind !== 'decision') throw new NotFoundError(`Approval task '${taskId}' not found`);
  if (task.status !== 'waiting') {
    throw new StateConflictError(`Approval task '${taskId}' is ${task.status} already`);
  }
  return task;
}

/**
 * Decides a claim's waiting task. Main course: the task still waits (else 409) → the caller may decide it
 * (segregation of duties, else 403) → the decision applied to the claim (422 for a bad partial amount) →
 * the task closed with the decision by a conditional write, so of two racing deciders exactly one goes on
 * and the other gets 409 → the claim stored → the workflow resumed (a rejection ends the wait as a failure).
 * A workflow that stopped waiting meanwhile (a reminder replaced the task) picks the decision up from the
 * task when it escalates, so a decision that won the task is never lost.
 */
export async function decideTask(
  deps: ApprovalDeps,
  actor: Actor,
  input: { readonly taskId: string; readonly decision: ApprovalDecision },
): Promise<{ readonly task: ApprovalTask; readonly claim: Claim }> {
  requireRole(actor, ['approver', 'finance', 'admin']);
  const task = await waitingTask(deps, input.taskId);
  if (isRequestTask(task)) throw new NotFoundError(`Approval task '${input.taskId}' not found`);
  const claim = await claimOf(deps, task.claimId);
  assertMayDecide(actor, claim, task);
  const at = deps.clock().toISOString();
  const by = { userId: actor.userId, role: actor.role };
  const decided = decideClaim(claim, task, by, input.decision, at);
  const closed: ApprovalTask = {
    ...task,
    status: 'decided',
    decision: input.decision,
    outcome: decided.outcome,
    decidedBy: by,
    decidedAt: at,
  };
  if (!(await deps.tasks.close(closed))) {
    throw new StateConflictError(`Approval task '${input.taskId}' was decided or expired meanwhile`);
  }
  await storeDecidedClaim(deps, decided.claim, claim.status);
  if (input.decision.decision === 'reject') {
    await deps.resumer.fail(task.taskId, claimRejectedError, input.decision.reasonCode);
  } else {
    await deps.resumer.succeed(task.taskId, { outcome: decided.outcome });
  }
  return { task: closed, claim: decided.claim };
}

async function storeDecidedClaim(deps: Pick<ApprovalDeps, 'claims'>, next: Claim, expected: Claim['status']) {
  if (!(await deps.claims.transition(next, expected))) {
    throw new StateConflictError(`Claim '${next.claimId}' changed meanwhile; read it again`);
  }
}

/**
 * The partner's answer to a returned claim. Main course: the claim is the partner's (else 404) and
 * returned (else 409) → the workflow's answer task still waits (else 409: it is not waiting yet, or someone
 * answered first) → the task closed by a conditional write → the claim back in approval → the workflow
 * resumed at the level that asked.
 */
export async function answerReturnedClaim(
  deps: ApprovalDeps,
  actor: Actor,
  input: { readonly claimId: string; readonly answer: string },
): Promise<Claim> {
  const claim = await claimOf(deps, input.claimId);
  requireVisibleTo(actor, claim.partnerId, `Claim '${input.claimId}'`);
  const at = deps.clock().toISOString();
  const next = answerReturn(claim, actor, input.answer, at);
  const task = (await deps.tasks.ofClaim(claim.claimId)).find(
    (candidate) => candidate.kind === 'partnerAnswer' && candidate.status === 'waiting',
  );
  if (!task)
    throw new StateConflictError(`Claim '${input.claimId}' is not waiting for an answer yet; retry shortly`);
  const closed: ApprovalTask = {
    ...task,
    status: 'decided',
    outcome: 'answered',
    decidedBy: { userId: actor.userId, role: actor.role },
    decidedAt: at,
  };
  if (!(await deps.tasks.close(closed))) {
    throw new StateConflictError(`Claim '${input.claimId}' was answered meanwhile`);
  }
  await storeDecidedClaim(deps, next, 'returnedToPartner');
  await deps.resumer.succeed(task.taskId, { outcome: 'answered' });
  return next;
}
