import { requireRole } from '../../../domain/access/policies';
import { approvalDecisionSchema } from '../../../domain/approvals/approval-decision';
import { decideTask } from '../../../domain/approvals/approval-use-cases';
import { approvals } from '../../approvals/approvals';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { approvalTaskPathSchema } from '../api-schemas';

/** Approve, approve a lower amount, reject or return to the partner; a task is decided once (else 409). */
export const handler = httpApi(async (event) => {
  const actor = actorOf(event);
  // Partners never decide: refused before the body is read.
  requireRole(actor, ['approver', 'finance', 'admin']);
  const { taskId } = pathParams(event, approvalTaskPathSchema);
  const decision = jsonBody(event, approvalDecisionSchema);
  const { task, claim } = await decideTask(approvals, actor, { taskId, decision });
  return json(200, { task, claim });
});
