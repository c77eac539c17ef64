import { requireRole } from '../../../domain/access/policies';
import { approvalPolicySchema } from '../../../domain/approvals/approval-policy';
import { saveApprovalPolicy } from '../../../domain/approvals/approval-policy-use-cases';
import { approvalPolicies } from '../../approvals/approval-policy-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { ifMatchVersion, jsonBody } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';

/** Stores the first policy (no If-Match) or replaces the version read (If-Match); admin only. */
export const handler = httpApi(async (event) => {
  const actor = actorOf(event);
  // Refused before the body is read, so that non-admins learn nothing about the schema.
  requireRole(actor, ['admin']);
  const expectedVersion = event.headers['if-match'] === undefined ? undefined : ifMatchVersion(event);
  const policy = jsonBody(event, approvalPolicySchema);
  const saved = await saveApprovalPolicy(approvalPolicies, actor, { policy, expectedVersion });
  return recordResponse(saved, saved.version === 1 ? 201 : 200);
});
