import type { Actor, Role } from '../access/actor';
import type { Claim } from '../claims/claim';
import type { ClaimStore } from '../claims/ports';
import type { Clock, EventPublisher, Page } from '../shared/ports';
import type { ApprovalLevel, ApprovalPolicy } from './approval-policy';
import type { ApprovalPolicyDeps } from './approval-policy-use-cases';
import type { ApprovalSubject, RequestSubjectKind, RequestSubjectRef } from './approval-subject';
import type { ApprovalTask, InboxTask, RequestApprovalTask } from './approval-task';
import type { ApprovalStepResult } from './approval-workflow-state';

/** Where approval tasks are kept; the token that resumes the workflow is stored with the task, opaque here. */
export interface ApprovalTaskStore {
  get(taskId: string): Promise<InboxTask | undefined>;
  /**
   * Stores a waiting task with the opaque token that resumes its workflow. A task id stored already (the
   * step retried) is left as it is.
   */
  open(task: InboxTask, resumeToken: string): Promise<void>;
  /**
   * Replaces the task with `closed` (status decided or expired) only if it is still waiting: true for the one
   * caller that closed it, false for every other (someone decided first, or the wait ended).
   */
  close(closed: InboxTask): Promise<boolean>;
  /** Tasks waiting for `role`, oldest first, a page at a time. */
  waitingFor(
    role: Role,
    page: { readonly limit: number; readonly cursor?: string | undefined },
  ): Promise<Page<InboxTask>>;
  /** Every task of a claim, oldest first. */
  ofClaim(claimId: string): Promise<ApprovalTask[]>;
  /** Every task of a request, oldest first. */
  ofRequest(subject: RequestSubjectRef): Promise<RequestApprovalTask[]>;
}

/** Resumes the workflow waiting on a task (Step Functions SendTaskSuccess / SendTaskFailure). */
export interface ApprovalWorkflowResumer {
  /** false when the workflow no longer waits on this task (timed out, escalated, stopped). */
  succeed(taskId: string, result: ApprovalStepResult): Promise<boolean>;
  /** Ends the wait with an error the workflow catches (a rejection); false as for `succeed`. */
  fail(taskId: string, error: string, cause: string): Promise<boolean>;
}

/** Everything the approval use cases and workflow steps need. */
export interface ApprovalDeps extends ApprovalPolicyDeps {
  readonly claims: ClaimStore;
  readonly tasks: ApprovalTaskStore;
  readonly resumer: ApprovalWorkflowResumer;
  readonly events: EventPublisher;
  /**
   * Posts a decided claim to the ledger and releases its reservation (`settleDecidedClaim`, idempotent);
   * with `decidedFrom`, stores the decision in the same write (false when the claim left that status).
   */
  readonly settle: (claim: Claim, decidedFrom?: Claim['status']) => Promise<boolean>;
  readonly clock: Clock;
}

/** A request under approval as the workflow and the inbox see it (read from the request's own store). */
export interface RequestUnderApproval {
  readonly subject: ApprovalSubject & { readonly kind: RequestSubjectKind };
  /** The user who asked: never an approver of it (unknown on records kept from before it was recorded). */
  readonly requestedBy: string | undefined;
  /** Users who signed its levels so far, in order. */
  readonly signers: readonly string[];
  /** Still waiting for a level's decision (false once approved, rejected, cancelled or expired). */
  readonly awaitingDecision: boolean;
  /** The levels it needs under `policy`, in signing order (at least one). */
  readonly levels: (policy: ApprovalPolicy) => ApprovalLevel[];
}

/** One kind of request the request-approval workflow decides (fund requests, debit authorization requests). */
export interface ApprovalRequests {
  get(id: string): Promise<RequestUnderApproval | undefined>;
  /**
   * Applies `decision` (the body as sent; the kind parses it, 400 naming the field) at `task`'s level: the
   * caller may sign it (`assertMaySign` with the task's role), and the write is conditional on the request
   * still waiting at that level, so of two racing deciders exactly one changes it (the other: 409). The last
   * level applies the request's effect (a fund reservation, an authorization) in the same write.
   */
  decide(
    actor: Actor,
    task: RequestApprovalTask,
    decision: unknown,
  ): Promise<{
    readonly outcome: 'levelApproved' | 'decided';
    readonly decision: unknown;
    readonly request: unknown;
  }>;
}

/** Starts a request's approval workflow, one execution per request (a repeated start starts nothing). */
export interface RequestApprovalWorkflow {
  start(subject: RequestSubjectRef): Promise<void>;
}

/** What the request-approval workflow steps and request decisions need. */
export interface RequestApprovalDeps extends ApprovalPolicyDeps {
  readonly requests: Readonly<Record<RequestSubjectKind, ApprovalRequests>>;
  readonly tasks: ApprovalTaskStore;
  readonly resumer: ApprovalWorkflowResumer;
  readonly events: EventPublisher;
  readonly clock: Clock;
}

/** What a use case that submits a request needs to start its approval. */
export interface RequestApprovalStarting {
  readonly approvalWorkflow: RequestApprovalWorkflow;
}
