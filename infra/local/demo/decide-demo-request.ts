import type { Actor } from '../../../domain/access/actor';
import type { RequestSubjectRef } from '../../../domain/approvals/approval-subject';
import { decideInboxTask } from '../../../domain/approvals/approval-use-cases';
import type { ApprovalDeps, RequestApprovalDeps } from '../../../domain/approvals/ports';
import { awaitValue } from './await-value';

/** What the demo's request seeds decide with: the approvals inbox, as people do. */
export type DemoApprovals = ApprovalDeps & RequestApprovalDeps;

/**
 * Decides a request's waiting task as `actor` once its workflow opened it, as an approver does from the
 * inbox (`POST /approvals/{taskId}/decision`), and answers the request after the decision.
 */
export async function decideDemoRequest(
  approvals: DemoApprovals,
  actor: Actor,
  subject: RequestSubjectRef,
  decision: unknown,
): Promise<void> {
  const task = await awaitValue(`the approval task of ${subject.kind} ${subject.id}`, async () =>
    (await approvals.tasks.ofRequest(subject)).find((candidate) => candidate.status === 'waiting'),
  );
  await decideInboxTask(approvals, actor, { taskId: task.taskId, decision });
}
