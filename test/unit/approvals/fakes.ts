import type { Role } from '../../../domain/access/actor';
import type { ApprovalPolicyRecord } from '../../../domain/approvals/approval-policy-use-cases';
import type { RequestSubjectRef } from '../../../domain/approvals/approval-subject';
import {
  type ApprovalTask,
  type InboxTask,
  isRequestTask,
  type RequestApprovalTask,
} from '../../../domain/approvals/approval-task';
import type { ApprovalStepResult } from '../../../domain/approvals/approval-workflow-state';
import type {
  ApprovalDeps,
  ApprovalTaskStore,
  ApprovalWorkflowResumer,
} from '../../../domain/approvals/ports';
import type { Claim } from '../../../domain/claims/claim';
import type { Page, PageRequest } from '../../../domain/shared/ports';
import type { DomainEvent } from '../../../events/domain-event';
import { closingFields } from '../../../functions/adapters/dynamo-approval-task-store';
import { bySortKey, offsetPage } from '../../support/in-memory-pages';
import { InMemoryRecordStore } from '../../support/in-memory-record-store';
import { InMemoryClaimStore } from '../claims/fakes';

/** The adapter's index sort key: tasks list by the time they opened, then by id. */
const oldestFirst = bySortKey((task: InboxTask) => `${task.createdAt}#${task.taskId}`);

/**
 * Tasks in a Map with the adapter's contract (test/support/approval-task-store-contract.ts): open once per
 * id, close only while waiting, listed oldest first; tokens kept apart.
 */
export class InMemoryApprovalTaskStore implements ApprovalTaskStore {
  readonly tasks = new Map<string, InboxTask>();
  readonly tokens = new Map<string, string>();

  private listed<T extends InboxTask>(wanted: (task: InboxTask) => task is T): T[] {
    return [...this.tasks.values()].filter(wanted).sort(oldestFirst);
  }

  async get(taskId: string) {
    return this.tasks.get(taskId);
  }

  async open(task: InboxTask, resumeToken: string) {
    if (this.tasks.has(task.taskId)) return;
    this.tasks.set(task.taskId, task);
    this.tokens.set(task.taskId, resumeToken);
  }

  /** Only what closing changes is taken from `closed`, as the adapter's update writes only those fields. */
  async close(closed: InboxTask) {
    const opened = this.tasks.get(closed.taskId);
    if (opened?.status !== 'waiting') return false;
    const changes = closingFields.flatMap((field) =>
      closed[field] === undefined ? [] : [[field, closed[field]]],
    );
    this.tasks.set(closed.taskId, { ...opened, ...Object.fromEntries(changes) } as InboxTask);
    return true;
  }

  async waitingFor(role: Role, page: PageRequest): Promise<Page<InboxTask>> {
    const waiting = this.listed(
      (task): task is InboxTask =>
        task.kind === 'decision' && task.status === 'waiting' && task.role === role,
    );
    return offsetPage(waiting, page);
  }

  async ofClaim(claimId: string) {
    return this.listed((task): task is ApprovalTask => !isRequestTask(task) && task.claimId === claimId);
  }

  async ofRequest(subject: RequestSubjectRef) {
    return this.listed(
      (task): task is RequestApprovalTask =>
        isRequestTask(task) && task.subject.kind === subject.kind && task.subject.id === subject.id,
    );
  }
}

/** Records what the workflow was sent, by task; `waitOver` makes every send find the wait ended. */
export class RecordingResumer implements ApprovalWorkflowResumer {
  readonly sent: { taskId: string; result?: ApprovalStepResult; error?: string }[] = [];
  waitOver = false;

  async succeed(taskId: string, result: ApprovalStepResult) {
    this.sent.push({ taskId, result });
    return !this.waitOver;
  }

  async fail(taskId: string, error: string) {
    this.sent.push({ taskId, error });
    return !this.waitOver;
  }
}

/** Approval deps over in-memory fakes, a fixed clock, and recorders for events and settlements. */
export function approvalHarness(now = '2026-04-03T09:00:00.000Z') {
  const claims = new InMemoryClaimStore();
  const tasks = new InMemoryApprovalTaskStore();
  const resumer = new RecordingResumer();
  const published: DomainEvent[] = [];
  const settled: Claim[] = [];
  const deps: ApprovalDeps = {
    policies: new InMemoryRecordStore<ApprovalPolicyRecord>((policy) => policy.policyId),
    claims,
    tasks,
    resumer,
    events: { publish: async (event) => void published.push(event) },
    // Stores an automatic approval first, as the adapter's one write does.
    settle: async (claim, decidedFrom) => {
      if (decidedFrom !== undefined && !(await claims.transition(claim, decidedFrom))) return false;
      settled.push(claim);
      return true;
    },
    clock: () => new Date(now),
  };
  return { deps, claims, tasks, resumer, published, settled };
}
