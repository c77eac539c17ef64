import type { Role } from '../access/actor';
import type { Claim } from '../claims/claim';
import type { ClaimStore } from '../claims/ports';
import type { Clock, EventPublisher, Page } from '../shared/ports';
import type { ApprovalPolicyDeps } from './approval-policy-use-cases';
import type { ApprovalTask } from './approval-task';
import type { ApprovalStepResult } from './approval-workflow-state';

/** Where approval tasks are kept; the token that resumes the workflow is stored with the task, opaque here. */
export interface ApprovalTaskStore {
  get(taskId: string): Promise<ApprovalTask | undefined>;
  /**
   * Stores a waiting task with the opaque token that resumes its workflow. A task id stored already (the
   * step retried) is left as it is.
   */
  open(task: ApprovalTask, resumeToken: string): Promise<void>;
  /**
   * Replaces the task with `closed` (status decided or expired) only if it is still waiting: true for the one
   * caller that closed it, false for every other (someone decided first, or the wait ended).
   */
  close(closed: ApprovalTask): Promise<boolean>;
  /** Tasks waiting for `role`, oldest first, a page at a time. */
  waitingFor(
    role: Role,
    page: { readonly limit: number; readonly cursor?: string | undefined },
  ): Promise<Page<ApprovalTask>>;
  /** Every task of a claim, oldest first. */
  ofClaim(claimId: string): Promise<ApprovalTask[]>;
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
  /** Posts a decided claim to the ledger and releases its reservation (`settleDecidedClaim`, idempotent). */
  readonly settle: (claim: Claim) => Promise<void>;
  readonly clock: Clock;
}
