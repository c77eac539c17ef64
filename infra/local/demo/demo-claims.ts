import type { ApprovalDecision } from '../../../domain/approvals/approval-decision';
import type { ClaimStatus } from '../../../domain/claims/claim';

/**
 * Demo claims of DIST-NORTH on its March 2026 switch rebate (VOL-SWITCH-2026, fund `rebate`), one in each
 * status a partner can see. They draw on the switch rebate rather than the co-op fund the e2e tests claim
 * from, so those tests' co-op figures stay their own.
 */
export interface DemoClaim {
  /** Idempotency key of the submission: a restart finds the claim it made instead of a second one. */
  readonly key: string;
  readonly amount: string;
  readonly reference: string;
  /** What the approver decides; none leaves it waiting in the approver's inbox. */
  readonly decision?: ApprovalDecision;
  /** A payment batch taking it: approved and left scheduled, or paid. */
  readonly payment?: 'scheduled' | 'paid';
  /** The status the seed leaves it in, printed at start-up. */
  readonly status: ClaimStatus;
}

export const demoClaimProgram = { programId: 'VOL-SWITCH-2026', period: '2026-03', fund: 'rebate' } as const;

/** In seeding order: a batch takes every payable claim, so the paid one goes first, then the scheduled one. */
export const demoClaims: readonly DemoClaim[] = [
  {
    key: 'demo-claim-paid',
    amount: '25.00',
    reference: 'DEMO-SW-JAN',
    decision: { decision: 'approve' },
    payment: 'paid',
    status: 'paid',
  },
  {
    key: 'demo-claim-scheduled',
    amount: '30.00',
    reference: 'DEMO-SW-FEB',
    decision: { decision: 'approve' },
    payment: 'scheduled',
    status: 'scheduled',
  },
  {
    key: 'demo-claim-approved',
    amount: '40.00',
    reference: 'DEMO-SW-MAR',
    decision: { decision: 'approve' },
    status: 'approved',
  },
  {
    key: 'demo-claim-partial',
    amount: '50.00',
    reference: 'DEMO-SW-SHOW',
    decision: { decision: 'approvePartial', amount: '35.00', reason: 'Two invoices were outside March' },
    status: 'partiallyApproved',
  },
  {
    key: 'demo-claim-rejected',
    amount: '15.00',
    reference: 'DEMO-SW-DUP',
    decision: { decision: 'reject', reasonCode: 'duplicateClaim', comment: 'Claimed on DEMO-SW-MAR already' },
    status: 'rejected',
  },
  {
    key: 'demo-claim-returned',
    amount: '20.00',
    reference: 'DEMO-SW-POS',
    decision: { decision: 'returnToPartner', question: 'Which end customer bought the 24 switches?' },
    status: 'returnedToPartner',
  },
  { key: 'demo-claim-in-approval', amount: '45.00', reference: 'DEMO-SW-APR', status: 'inApproval' },
  // More than the rebate earned: automatic validation refuses it (`exceedsAvailable`) and stores it.
  { key: 'demo-claim-over', amount: '250000.00', reference: 'DEMO-SW-BIG', status: 'validationFailed' },
];
