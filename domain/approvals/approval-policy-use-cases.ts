import type { Actor } from '../access/actor';
import { internalRoles } from '../access/actor';
import { requireRole } from '../access/policies';
import type { Clock, RecordStore, Stored } from '../shared/ports';
import { createVersioned, replaceVersioned } from '../shared/versioned-record';
import { type ApprovalPolicy, defaultApprovalPolicy } from './approval-policy';

/** The one approval policy ChRM keeps; an id so that it is stored like every versioned record. */
export const approvalPolicyId = 'current';

export interface ApprovalPolicyRecord extends ApprovalPolicy {
  readonly policyId: typeof approvalPolicyId;
}

export interface ApprovalPolicyDeps {
  readonly policies: RecordStore<ApprovalPolicyRecord>;
  readonly clock: Clock;
}

/** The policy in force: the stored one, else the documented default (marked `isDefault`, with no version). */
export type PolicyInForce = Stored<ApprovalPolicyRecord> | (ApprovalPolicy & { readonly isDefault: true });

/** The policy the workflow applies, without access checks (it runs as the system). */
export async function policyInForce(deps: ApprovalPolicyDeps): Promise<PolicyInForce> {
  return (await deps.policies.get(approvalPolicyId)) ?? { ...defaultApprovalPolicy, isDefault: true };
}

/** Reads the policy in force; staff only (partners do not see thresholds). */
export async function getApprovalPolicy(deps: ApprovalPolicyDeps, actor: Actor): Promise<PolicyInForce> {
  requireRole(actor, internalRoles);
  return policyInForce(deps);
}

/**
 * Stores the policy (admin only): the first one without If-Match (409 if one exists meanwhile), later ones
 * replacing the version read (412 when stale). Running workflows keep the levels fixed when they began.
 */
export async function saveApprovalPolicy(
  deps: ApprovalPolicyDeps,
  actor: Actor,
  input: { readonly policy: ApprovalPolicy; readonly expectedVersion?: number | undefined },
): Promise<Stored<ApprovalPolicyRecord>> {
  requireRole(actor, ['admin']);
  const data: ApprovalPolicyRecord = { ...input.policy, policyId: approvalPolicyId };
  if (input.expectedVersion === undefined) return createVersioned(deps.policies, deps.clock, data);
  const current = await deps.policies.get(approvalPolicyId);
  if (!current) return createVersioned(deps.policies, deps.clock, data);
  return replaceVersioned(deps.policies, deps.clock, current, input.expectedVersion, data);
}
