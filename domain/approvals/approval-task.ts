import type { Role } from '../access/actor';
import { type Claim, type ClaimActor, claimHeadline } from '../claims/claim';
import type { ApprovalDecision, DecisionOutcome } from './approval-decision';
import type { ApprovalLevel } from './approval-policy';
import type { ApprovalSubject, RequestSubjectKind } from './approval-subject';

/**
 * What a task waits for: a staff decision on one approval level, or the partner's answer to a question
 * (the claim was returned to them).
 */
export type ApprovalTaskKind = 'decision' | 'partnerAnswer';

/**
 * `waiting` until someone acts; `decided` once (the conditional write that gives a task exactly one
 * decision); `expired` when the workflow stopped waiting for it (a reminder or an escalation replaced it).
 */
export type ApprovalTaskStatus = 'waiting' | 'decided' | 'expired';

/** What an inbox shows of the claim, copied when the task is created (the claim cannot change while it waits). */
export type ApprovalClaimSummary = Pick<
  Claim,
  | 'claimId'
  | 'type'
  | 'partnerId'
  | 'programId'
  | 'period'
  | 'fund'
  | 'currency'
  | 'amountClaimed'
  | 'amountApproved'
  | 'submittedBy'
  | 'submittedAt'
  | 'validationFailures'
> & { readonly lineCount: number };

/** What every task of the inbox holds: the wait, the level it decides, who may act, and how it ended. */
interface ApprovalTaskFields {
  /** `<subject id>.<digest of the task token>`: one task per wait, the same one when a step is retried. */
  readonly taskId: string;
  readonly partnerId: string;
  /** The level being decided (for a partner answer: the level that asked). */
  readonly level: ApprovalLevel;
  /** Position of `level` in `levels`, the levels the subject needs. */
  readonly levelIndex: number;
  readonly levels: readonly ApprovalLevel[];
  /** Who may act: the level's role, or the role it escalated to; `partner` for an answer. */
  readonly role: Role;
  readonly reminders: number;
  readonly status: ApprovalTaskStatus;
  readonly createdAt: string;
  /** What the inbox says is decided. */
  readonly subject: ApprovalSubject;
  readonly decidedBy?: ClaimActor;
  readonly decidedAt?: string;
}

/**
 * One human step of a claim's approval workflow. The Step Functions task token lives beside it in storage
 * only: adapters keep it, the domain never sees it and the API never returns it. Its claim fields stay
 * beside `subject` for the claim inbox's clients.
 */
export interface ApprovalTask extends ApprovalTaskFields {
  readonly kind: ApprovalTaskKind;
  readonly claimId: string;
  readonly claim: ApprovalClaimSummary;
  readonly decision?: ApprovalDecision;
  readonly outcome?: DecisionOutcome | 'answered';
}

/**
 * One level of a request's approval (a fund request, a debit authorization request): stored, listed and
 * decided like a claim's task, with the request's own decision (its schema is the request kind's).
 */
export interface RequestApprovalTask extends ApprovalTaskFields {
  readonly kind: 'decision';
  readonly subject: ApprovalSubject & { readonly kind: RequestSubjectKind };
  readonly decision?: unknown;
  readonly outcome?: 'levelApproved' | 'decided';
}

/** Any task of the approvals inbox. */
export type InboxTask = ApprovalTask | RequestApprovalTask;

/** Whether `task` decides a request rather than a claim. */
export const isRequestTask = (task: InboxTask): task is RequestApprovalTask => task.subject.kind !== 'claim';

/** The inbox subject of a claim (or of the claim summary a task keeps). */
export function claimSubject(
  claim: Pick<
    Claim,
    | 'claimId'
    | 'partnerId'
    | 'currency'
    | 'amountClaimed'
    | 'amountApproved'
    | 'type'
    | 'programId'
    | 'period'
  >,
): ApprovalSubject {
  return {
    kind: 'claim',
    id: claim.claimId,
    partnerId: claim.partnerId,
    currency: claim.currency,
    amount: claim.amountApproved ?? claim.amountClaimed,
    summary: `${claim.type} claim on ${claim.programId} ${claim.period}`,
  };
}

/** The inbox summary of `claim`. */
export function claimSummary(claim: Claim): ApprovalClaimSummary {
  return {
    ...claimHeadline(claim),
    ...(claim.amountApproved === undefined ? {} : { amountApproved: claim.amountApproved }),
    submittedBy: claim.submittedBy,
    submittedAt: claim.submittedAt,
    validationFailures: claim.validationFailures,
    lineCount: claim.lines.length,
  };
}
