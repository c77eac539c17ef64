import { requireRole } from '../../../domain/access/policies';
import { decideInboxTask } from '../../../domain/approvals/approval-use-cases';
import { approvals } from '../../approvals/approvals';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { approvalTaskPathSchema } from '../api-schemas';
import { taskDecisionBodySchema } from '../approval-decision-body';

/**
 * Decides a task of the inbox: a claim's (approve, approve a lower amount, reject, return to the partner) or
 * a request's (its kind's decision); a task is decided once (else 409). The body must be one of the
 * decisions (400) before the task is read; the task's subject then parses it with its own schema.
 */
export const handler = httpApi(async (event) => {
  const actor = actorOf(event);
  // Partners never decide: refused before the body is read.
  requireRole(actor, ['approver', 'finance', 'admin']);
  const { taskId } = pathParams(event, approvalTaskPathSchema);
  const decision = jsonBody(event, taskDecisionBodySchema);
  return json(200, await decideInboxTask(approvals, actor, { taskId, decision }));
});
