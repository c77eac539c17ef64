import type { RequestSubjectRef } from '../../domain/approvals/approval-subject';
import { openRequestApprovalTask } from '../../domain/approvals/request-approval-steps';

let opened = 0;

/**
 * The waiting task of a request's next level, opened as the request-approval workflow's step opens it when
 * none waits (handler tests run no workflow: they mock Step Functions). Needs the approval functions'
 * settings in the environment (TABLE_NAME, EVENT_BUS_NAME, UPLOADS_BUCKET).
 */
export async function waitingRequestTask(subject: RequestSubjectRef): Promise<string> {
  const { approvals } = await import('../../functions/approvals/approvals');
  const waiting = (await approvals.tasks.ofRequest(subject)).find((task) => task.status === 'waiting');
  if (waiting !== undefined) return waiting.taskId;
  const taskId = `${subject.id}.t${++opened}`;
  await openRequestApprovalTask(approvals, { state: { subject }, taskId, resumeToken: `token-${taskId}` });
  return taskId;
}
