import type { ItemKey, ListIndexKey } from './item-key';

/**
 * Approvals: the policy in force and the approval tasks of claims and requests.
 *
 * | item              | pk                     | sk                          | gsi1pk                    | gsi1sk                  |
 * |-------------------|------------------------|-----------------------------|---------------------------|-------------------------|
 * | approval policy   | APPROVALPOLICY#<id>    | POLICY                      | APPROVALPOLICIES          | <id>                    |
 * | approval task     | APPROVAL#<taskId>      | TASK (+ task token)         | APPROVALINBOX#<role> (while waiting) | <createdAt>#<taskId> |
 *
 * Approval tasks also carry gsi2 = APPROVALCLAIM#<claimId> / <createdAt>#<taskId>. Their Step Functions task
 * token is an attribute of the item that no read path returns.
 * Approval tasks of a request (fund request, debit authorization request) carry gsi2 =
 * APPROVALREQUEST#<kind>#<requestId> / <createdAt>#<taskId> instead.
 *
 * Access patterns (numbered across the table):
 * 25. the approval policy in force                              → GetItem APPROVALPOLICY#current
 * 26. approval tasks waiting for a role, oldest first (inbox)    → Query gsi1 APPROVALINBOX#<role> (sparse)
 * 27. a claim's approval tasks (the answer a return waits for)   → Query gsi2 APPROVALCLAIM#<claimId>
 */

export const approvalPolicyKey = (policyId: string): ItemKey => ({
  pk: `APPROVALPOLICY#${policyId}`,
  sk: 'POLICY',
});
export const approvalPolicyListKey = (policyId: string): ListIndexKey => ({
  gsi1pk: 'APPROVALPOLICIES',
  gsi1sk: policyId,
});

export const approvalTaskKey = (taskId: string): ItemKey => ({ pk: `APPROVAL#${taskId}`, sk: 'TASK' });
export const approvalInboxPartition = (role: string) => `APPROVALINBOX#${role}`;
export const approvalInboxKey = (role: string, createdAt: string, taskId: string): ListIndexKey => ({
  gsi1pk: approvalInboxPartition(role),
  gsi1sk: `${createdAt}#${taskId}`,
});
export const claimApprovalsPartition = (claimId: string) => `APPROVALCLAIM#${claimId}`;
export const claimApprovalsIndexKey = (claimId: string, createdAt: string, taskId: string) => ({
  gsi2pk: claimApprovalsPartition(claimId),
  gsi2sk: `${createdAt}#${taskId}`,
});

// Request approvals (fund requests, debit authorization requests): their tasks by request.
export const requestApprovalsPartition = (kind: string, requestId: string) =>
  `APPROVALREQUEST#${kind}#${requestId}`;
export const requestApprovalsIndexKey = (
  subject: { readonly kind: string; readonly id: string },
  createdAt: string,
  taskId: string,
) => ({ gsi2pk: requestApprovalsPartition(subject.kind, subject.id), gsi2sk: `${createdAt}#${taskId}` });
