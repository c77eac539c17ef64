import type { ApprovalPolicyRecord } from '../../domain/approvals/approval-policy-use-cases';
import type { Stored } from '../../domain/shared/ports';

/** The approval policy as stored, with USD auto-approved below `autoApproveBelow` and one approver to 1,000.00. */
export const storedUsdPolicy = (autoApproveBelow: string): Stored<ApprovalPolicyRecord> => ({
  policyId: 'current',
  thresholds: { USD: { autoApproveBelow, singleApproverUpTo: '1000.00' } },
  escalation: { remindersBeforeEscalation: 2 },
  version: 1,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
});
