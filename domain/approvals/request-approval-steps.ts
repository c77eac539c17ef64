import { StateConflictError } from '../shared/errors';
import { policyInForce } from './approval-policy-use-cases';
import type { RequestSubjectRef } from './approval-subject';
import type { RequestApprovalTask } from './approval-task';
import { escalateTask } from './escalation-event';
import type { RequestApprovalDeps, RequestUnderApproval } from './ports';
import type { RequestApprovalState } from './request-approval-state';

async function requestOf(
  deps: RequestApprovalDeps,
  subject: RequestSubjectRef,
): Promise<RequestUnderApproval> {
  const request = await deps.requests[subject.kind].get(subject.id);
  if (!request) throw new StateConflictError(`${subject.kind} '${subject.id}' does not exist`);
  return request;
}

/**
 * Step 1: a request still waiting for a decision waits for its first unsigned level; one decided already
 * (expired before the workflow began) ends the workflow. Retried, it answers the same.
 */
export async function beginRequestApproval(
  deps: RequestApprovalDeps,
  input: { readonly subject: RequestSubjectRef },
): Promise<RequestApprovalState> {
  const request = await requestOf(deps, input.subject);
  return { subject: input.subject, next: request.awaitingDecision ? 'await' : 'done' };
}

/**
 * The step before each wait: stores the task for the request's next level (after those signed), with the
 * token that resumes the workflow, its subject copied for the inbox. The levels come from the policy in
 * force and the amount under approval; a level waited for again (reminder, escalation) keeps its role.
 */
export async function openRequestApprovalTask(
  deps: RequestApprovalDeps,
  input: { readonly state: RequestApprovalState; readonly taskId: string; readonly resumeToken: string },
): Promise<void> {
  const { state } = input;
  const request = await requestOf(deps, state.subject);
  const levels = request.levels(await policyInForce(deps));
  const levelIndex = request.signers.length;
  const level = levels[levelIndex];
  if (level === undefined || !request.awaitingDecision) {
    throw new StateConflictError(`${state.subject.kind} '${state.subject.id}' waits for no decision`);
  }
  const waiting = state.waiting?.level === level ? state.waiting : { level, role: level, reminders: 0 };
  const task: RequestApprovalTask = {
    taskId: input.taskId,
    kind: 'decision',
    subject: request.subject,
    partnerId: request.subject.partnerId,
    level,
    levelIndex,
    levels,
    role: waiting.role,
    reminders: waiting.reminders,
    status: 'waiting',
    createdAt: deps.clock().toISOString(),
  };
  await deps.tasks.open(task, input.resumeToken);
}

/**
 * A request's task waited the reminder interval. Main course: the task expires → a reminder or an
 * escalation per the policy, published as ApprovalTaskEscalated → the workflow waits again. When the
 * request shows the level signed (a decision won the task, even one whose call stopped before closing it),
 * the workflow goes on with that instead.
 */
export async function escalateRequestTask(
  deps: RequestApprovalDeps,
  state: RequestApprovalState,
): Promise<RequestApprovalState> {
  const task = (await deps.tasks.ofRequest(state.subject)).at(-1);
  if (!task) throw new StateConflictError(`${state.subject.kind} '${state.subject.id}' has no task`);
  if (task.status === 'waiting') await deps.tasks.close({ ...task, status: 'expired' });
  const request = await requestOf(deps, state.subject);
  if (!request.awaitingDecision) return { ...state, result: { outcome: 'decided' } };
  if (request.signers.length > task.levelIndex) return { ...state, result: { outcome: 'levelApproved' } };
  const escalation = await escalateTask(deps, task);
  return { ...state, waiting: { level: task.level, ...escalation.next }, result: { outcome: 'pending' } };
}
