import type { Actor } from '../access/actor';
import { StateConflictError } from '../shared/errors';
import type { RequestApprovalTask } from './approval-task';
import type { RequestApprovalDeps } from './ports';

/**
 * Decides a request's waiting task. Main course: the request kind applies the decision at the task's level
 * (may the caller sign it, else 403; a bad decision, 400/422; the request's conditional write, so of two
 * racing deciders exactly one changes the request and the other gets 409) → the task closed with the
 * decision → the workflow resumed with the outcome (next level, or decided). A workflow that stopped
 * waiting meanwhile (a reminder replaced the task) reads the signed level from the request when it escalates.
 */
export async function decideRequestTask(
  deps: RequestApprovalDeps,
  actor: Actor,
  input: { readonly task: RequestApprovalTask; readonly decision: unknown },
): Promise<{ readonly task: RequestApprovalTask; readonly request: unknown }> {
  const { task } = input;
  const decided = await deps.requests[task.subject.kind].decide(actor, task, input.decision);
  const closed: RequestApprovalTask = {
    ...task,
    status: 'decided',
    decision: decided.decision,
    outcome: decided.outcome,
    decidedBy: { userId: actor.userId, role: actor.role },
    decidedAt: deps.clock().toISOString(),
  };
  if (!(await deps.tasks.close(closed))) {
    // The request changed under this decision's conditional write, so only a replaced wait gets here.
    const current = await deps.tasks.get(task.taskId);
    if (current?.status === 'decided') {
      throw new StateConflictError(`Approval task '${task.taskId}' was decided meanwhile`);
    }
  }
  await deps.resumer.succeed(task.taskId, { outcome: decided.outcome });
  return { task: closed, request: decided.request };
}
