import { getApprovalPolicy } from '../../../domain/approvals/approval-policy-use-cases';
import { approvalPolicies } from '../../approvals/approval-policy-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { json, recordResponse } from '../../shared/http/response';

/** The stored policy with its ETag, or the default one (no ETag: create it with PUT without If-Match). */
export const handler = httpApi(async (event) => {
  const policy = await getApprovalPolicy(approvalPolicies, actorOf(event));
  return 'version' in policy ? recordResponse(policy) : json(200, policy);
});
