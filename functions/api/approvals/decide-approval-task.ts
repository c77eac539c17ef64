import { requireRole } from '../../../domain/access/policies';
import { z } from 'zod';
import { decideInboxTask } from '../../../domain/approvals/approval-use-cases';
import { approvals } from '../../approvals/approvals';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { approvalTaskPathSchema } from '../api-schemas';

/**
 * Decides a task of the inbox: a claim's (approve, approve a lower amount, reject, return to the partner) or
 * a request's (its kind's decision); a task is decided once (else 409). The body is validated against the
 * decision schema of the task's subject, known once the task is read.
 */
export const handler = httpApi(async (event) => {
  const actor = actorOf(event);
  // Partners never decide: refused before the body is read.
  requireRole(actor, ['approver', 'finance', 'admin']);
  const { taskId } = pathParams(event, approvalTaskPathSchema);
  const decision = jsonBody(event, z.unknown());
  return json(200, await decideInboxTask(approvals, actor, { taskId, decision }));
});
