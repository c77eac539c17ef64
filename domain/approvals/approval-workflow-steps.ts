import { claimDecidedV1, detailType, source, version } from '../../events/claim-decided.v1';
import type { Claim } from '../claims/claim';
import { StateConflictError } from '../shared/errors';
import { fromMinorUnits } from '../shared/money/minor-units';
import { decideClaim } from './approval-decision';
import { requiredLevels } from './approval-policy';
import { policyInForce } from './approval-policy-use-cases';
import {
  type ApprovalTask,
  type ApprovalTaskKind,
  claimSubject,
  claimSummary,
  isRequestTask,
} from './approval-task';
import { autoApprove, enterApproval, expireReturn, systemActor } from './approval-transitions';
import type { ApprovalWorkflowState } from './approval-workflow-state';
import { escalateTask } from './escalation-event';
import type { ApprovalDeps } from './ports';
import { levelSigners } from './segregation-of-duties';

const decidedStatuses: readonly Claim['status'][] = ['approved', 'partiallyApproved', 'rejected'];
/** Where a payment batch moves an approved claim on to, possibly before its workflow settled it. */
const paymentStatuses: readonly Claim['status'][] = ['scheduled', 'paid'];

/** The audit entry of a claim's decision: approvals decide from `inApproval`; payment steps come after it. */
const decisionEntry = (claim: Claim) =>
  claim.history.findLast((entry) => entry.from === 'inApproval' && decidedStatuses.includes(entry.to));

/**
 * The claim as its approval left it: finance may batch (even pay) an approved claim between the last
 * decision and the settle step, and that claim still has to be settled, as approved, once.
 */
function asDecided(claim: Claim): Claim | undefined {
  if (decidedStatuses.includes(claim.status)) return claim;
  const decision = paymentStatuses.includes(claim.status) ? decisionEntry(claim) : undefined;
  return decision === undefined ? undefined : { ...claim, status: decision.to };
}

async function claimOf(deps: Pick<ApprovalDeps, 'claims'>, claimId: string): Promise<Claim> {
  const claim = await deps.claims.get(claimId);
  if (!claim) throw new StateConflictError(`Claim '${claimId}' does not exist`);
  return claim;
}

/** Stores `next`; when the stored claim moved on already (this step retried), reads it back. */
async function store(
  deps: Pick<ApprovalDeps, 'claims'>,
  next: Claim,
  expected: Claim['status'],
): Promise<Claim> {
  if (await deps.claims.transition(next, expected)) return next;
  return claimOf(deps, next.claimId);
}

/**
 * Step 1: the claim enters approval and the policy in force fixes its levels. Below the auto-approve
 * threshold the system approves it at once, settles it (ledger posting, reservation's end) in the same
 * write and publishes ClaimDecided (`next: done`: no settle step); otherwise the workflow waits for the
 * first level. Retried, it finds the claim where it left it.
 */
export async function startClaimApproval(
  deps: ApprovalDeps,
  input: { readonly claimId: string },
): Promise<ApprovalWorkflowState> {
  const [read, policy] = await Promise.all([claimOf(deps, input.claimId), policyInForce(deps)]);
  let claim = read;
  const at = deps.clock().toISOString();
  const levels = requiredLevels(policy, claim);
  if (claim.status === 'validated' && levels.length === 0) {
    const approved = enterApproval(claim, at, true);
    if (await deps.settle(approved, 'validated')) {
      // Settled: publishing here spares the workflow a step. Should it fail, the settle step publishes
      // (settled, from the claim handed on), and fails the execution loudly if it cannot either.
      try {
        await publishClaimDecided(deps, approved, approved);
      } catch {
        return { claimId: claim.claimId, next: 'settle', levels, claim: approved, settled: true };
      }
      return { claimId: claim.claimId, next: 'done', levels };
    }
    // The claim moved on meanwhile (this step retried after its write): go on from where it is.
    claim = await claimOf(deps, claim.claimId);
  }
  if (claim.status === 'validated') {
    claim = await store(deps, enterApproval(claim, at, levels.length === 0), 'validated');
  }
  // A claim that entered approval in a write of its own, before the two were one write.
  if (claim.status === 'inApproval' && levels.length === 0) {
    claim = await store(deps, autoApprove(claim, at), 'inApproval');
  }
  if (asDecided(claim) !== undefined) {
    return { claimId: claim.claimId, next: 'settle', levels, claim };
  }
  if (claim.status !== 'inApproval') {
    throw new StateConflictError(`Claim '${claim.claimId}' is ${claim.status}: it cannot enter approval`);
  }
  const first = levels[0] ?? 'approver';
  return {
    claimId: claim.claimId,
    next: 'await',
    levels,
    waiting: { level: first, role: first, reminders: 0 },
  };
}

/**
 * The step before each wait: stores the task people act on, with the token that resumes the workflow. The
 * level is the one after those already signed; a new level starts with its own role and no reminders, a
 * level waited for again (after a reminder, an escalation or an answer) keeps who it waits for.
 */
export async function openApprovalTask(
  deps: ApprovalDeps,
  input: {
    readonly state: ApprovalWorkflowState;
    readonly kind: ApprovalTaskKind;
    readonly taskId: string;
    readonly resumeToken: string;
  },
): Promise<void> {
  const { state, kind } = input;
  const claim = await claimOf(deps, state.claimId);
  const levelIndex = levelSigners(claim).length;
  const level = state.levels[levelIndex];
  const expected = kind === 'decision' ? 'inApproval' : 'returnedToPartner';
  if (level === undefined || claim.status !== expected) {
    throw new StateConflictError(`Claim '${claim.claimId}' is ${claim.status}: nothing to wait for`);
  }
  const waiting = state.waiting?.level === level ? state.waiting : { level, role: level, reminders: 0 };
  await deps.tasks.open(
    {
      taskId: input.taskId,
      kind,
      claimId: claim.claimId,
      partnerId: claim.partnerId,
      level,
      levelIndex,
      levels: state.levels,
      role: kind === 'partnerAnswer' ? 'partner' : waiting.role,
      reminders: waiting.reminders,
      status: 'waiting',
      createdAt: deps.clock().toISOString(),
      subject: claimSubject(claim),
      claim: claimSummary(claim),
    },
    input.resumeToken,
  );
}

/** The newest task of `kind` of a claim: the one the workflow waits (or waited) on. */
async function latestTask(
  deps: ApprovalDeps,
  claimId: string,
  kind: ApprovalTaskKind,
): Promise<ApprovalTask> {
  const task = (await deps.tasks.ofClaim(claimId)).filter((candidate) => candidate.kind === kind).at(-1);
  if (!task) throw new StateConflictError(`Claim '${claimId}' has no ${kind} task`);
  return task;
}

/**
 * Ends a wait the workflow gave up on: the task is closed as expired, unless someone acted on it first
 * (their SendTask call then found the wait over), in which case that action wins and is returned.
 */
async function expireOrTakeAction(deps: ApprovalDeps, task: ApprovalTask): Promise<ApprovalTask | undefined> {
  if (task.status === 'waiting' && (await deps.tasks.close({ ...task, status: 'expired' }))) return undefined;
  const current = await deps.tasks.get(task.taskId);
  return current?.status === 'decided' && !isRequestTask(current) ? current : undefined;
}

/**
 * A decision task waited the workflow's reminder interval without a decision. Main course: the task expires → a reminder (same
 * role) or an escalation (next role up) per the policy, published as ApprovalTaskEscalated → the workflow
 * waits again. If a decision won the task just before, it goes on with that decision instead, first
 * storing it on the claim if the deciding call stopped before doing so.
 */
export async function escalateWaitingTask(
  deps: ApprovalDeps,
  state: ApprovalWorkflowState,
): Promise<ApprovalWorkflowState> {
  const task = await latestTask(deps, state.claimId, 'decision');
  const decided = await expireOrTakeAction(deps, task);
  if (decided?.outcome !== undefined && decided.outcome !== 'answered') {
    await recoverDecision(deps, decided);
    return { ...state, result: { outcome: decided.outcome } };
  }
  const escalation = await escalateTask(deps, task);
  return { ...state, waiting: { level: task.level, ...escalation.next }, result: { outcome: 'pending' } };
}

/** Applies a decided task's decision to its claim when the claim does not show it yet (a crash in between). */
async function recoverDecision(deps: ApprovalDeps, task: ApprovalTask): Promise<void> {
  const claim = await claimOf(deps, task.claimId);
  const shown = claim.status !== 'inApproval' || levelSigners(claim).length > task.levelIndex;
  if (shown || !task.decision || !task.decidedBy || !task.decidedAt) return;
  await store(
    deps,
    decideClaim(claim, task, task.decidedBy, task.decision, task.decidedAt).claim,
    'inApproval',
  );
}

/**
 * The partner never answered a returned claim: the claim is rejected (`partnerDidNotAnswer`). An answer
 * that won the task just before sends the workflow back to the decision instead.
 */
export async function expireUnansweredReturn(
  deps: ApprovalDeps,
  state: ApprovalWorkflowState,
): Promise<ApprovalWorkflowState> {
  const task = await latestTask(deps, state.claimId, 'partnerAnswer');
  if (await expireOrTakeAction(deps, task)) return { ...state, result: { outcome: 'answered' } };
  const claim = await claimOf(deps, state.claimId);
  if (claim.status === 'returnedToPartner') {
    const zero = fromMinorUnits(0n, claim.currency);
    await store(deps, expireReturn(claim, zero, deps.clock().toISOString()), 'returnedToPartner');
  }
  return { ...state, result: { outcome: 'decided' } };
}

/**
 * The last step: a decided claim is settled (ledger posting of the approved amount, reservation released)
 * and ClaimDecided published. Settlement is idempotent, so a retried step posts nothing twice.
 */
export async function settleClaimApproval(deps: ApprovalDeps, state: ApprovalWorkflowState): Promise<void> {
  const stored = state.claim ?? (await claimOf(deps, state.claimId));
  const claim = asDecided(stored);
  if (claim === undefined) {
    throw new StateConflictError(`Claim '${stored.claimId}' is ${stored.status}, not decided`);
  }
  if (state.settled !== true) await deps.settle(claim);
  await publishClaimDecided(deps, claim, stored);
}

/** Publishes ClaimDecided of a decided claim (`claim`, as `asDecided` made it of the `stored` one). */
async function publishClaimDecided(
  deps: Pick<ApprovalDeps, 'events' | 'clock'>,
  claim: Claim,
  stored: Claim,
): Promise<void> {
  const last = claim === stored ? claim.history.at(-1) : decisionEntry(claim);
  const decidedBy =
    last === undefined || last.by.userId === systemActor.userId
      ? { userId: 'system', role: 'system' }
      : last.by;
  await deps.events.publish({
    source,
    detailType,
    detail: claimDecidedV1.parse({
      version,
      claimId: claim.claimId,
      partnerId: claim.partnerId,
      outcome: claim.status,
      currency: claim.currency,
      amountClaimed: claim.amountClaimed,
      amountApproved: claim.amountApproved ?? fromMinorUnits(0n, claim.currency),
      decidedBy,
      ...(last?.reasonCode === undefined ? {} : { reasonCode: last.reasonCode }),
      occurredAt: last?.at ?? deps.clock().toISOString(),
    }),
  });
}
