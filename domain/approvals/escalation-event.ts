import * as escalated from '../../events/approval-task-escalated.v2';
import type { ApprovalPolicyDeps } from './approval-policy-use-cases';
import { policyInForce } from './approval-policy-use-cases';
import type { InboxTask } from './approval-task';
import { isRequestTask } from './approval-task';
import { type Escalation, escalationOf } from './escalation';
import type { ApprovalDeps } from './ports';

/**
 * What a task that waited too long earns under the policy in force (a reminder, or one role up), published as
 * ApprovalTaskEscalated: a claim's task names its claim, every task its subject.
 */
export async function escalateTask(
  deps: ApprovalPolicyDeps & Pick<ApprovalDeps, 'events' | 'clock'>,
  task: InboxTask,
): Promise<Escalation> {
  const policy = await policyInForce(deps);
  const escalation = escalationOf({ role: task.role, reminders: task.reminders }, policy.escalation);
  await deps.events.publish({
    source: escalated.source,
    detailType: escalated.detailType,
    detail: escalated.approvalTaskEscalatedV2.parse({
      version: escalated.version,
      ...(isRequestTask(task) ? {} : { claimId: task.claimId }),
      subject: { kind: task.subject.kind, id: task.subject.id },
      taskId: task.taskId,
      kind: escalation.kind,
      level: task.level,
      fromRole: task.role,
      toRole: escalation.next.role,
      reminders: escalation.next.reminders,
      occurredAt: deps.clock().toISOString(),
    }),
  });
  return escalation;
}
