import { z } from 'zod';
import type { Actor } from '../access/actor';
import { requireRole } from '../access/policies';
import { policyInForce } from '../approvals/approval-policy-use-cases';
import { parseDecision } from '../approvals/approval-subject';
import type { ApprovalRequests, RequestApprovalStarting } from '../approvals/ports';
import { reservationLimit as checkbookLimit } from '../claims/claim-fund';
import { AlreadyExistsError, BusinessRuleError, StateConflictError, ValidationError } from '../shared/errors';
import { fromMinorUnits } from '../shared/money/minor-units';
import {
  availableOf,
  checkbookScopeOf,
  isWithinValidity,
  minorUnitsOf,
  reservationLimit,
  reserveDelta,
} from './fund';
import { actorOf, commitWithRetry, fundOrNotFound, requestOrNotFound } from './fund-access';
import {
  type FundRequest,
  type FundRequestInput,
  type FundRequestStatus,
  newFundRequest,
  requestMovedTo,
} from './fund-request';
import {
  assertMayDecideRequest,
  fundRequestLevels,
  fundRequestUnderApproval,
  nextLevel,
  type RequestLevelTask,
} from './fund-request-approval';
import type { FundDeps, FundTransaction } from './ports';

/**
 * A partner asks for pre-approval of an activity. Main course: the fund must be the partner's own (another
 * partner's is a 404), active and not past its validity → the activity's dates inside the validity → the
 * planned cost in the fund's currency → the request is stored `submitted` with the requested amount
 * (planned cost × share) → its approval workflow starts. Nothing is reserved until approval.
 */
export async function submitFundRequest(
  deps: FundDeps & RequestApprovalStarting,
  actor: Actor,
  input: FundRequestInput,
): Promise<FundRequest> {
  return (await submitFundRequestOnce(deps, actor, input, undefined)).request;
}

/** Whether a stored request is what `input` asks for: a repeat of it, not a different request. */
function isRepeatOf(request: FundRequest, input: FundRequestInput): boolean {
  return (
    request.fundId === input.fundId &&
    request.activityType === input.activityType &&
    request.description === input.description &&
    request.startDate === input.startDate &&
    request.endDate === input.endDate &&
    minorUnitsOf(input.plannedCost, request.currency) ===
      minorUnitsOf(request.plannedCost, request.currency) &&
    request.sharePercent === input.sharePercent
  );
}

/**
 * The answer to a repeated submit; its workflow is started again while it waits for a decision (a start is
 * idempotent), in case the first submit stopped between storing the request and starting it.
 */
async function repeated(deps: RequestApprovalStarting, existing: FundRequest, input: FundRequestInput) {
  if (!isRepeatOf(existing, input)) {
    throw new StateConflictError(
      `fund request ${existing.requestId} was submitted with this Idempotency-Key for a different activity`,
    );
  }
  if (existing.status === 'submitted') await startApproval(deps, existing);
  return { request: existing, created: false };
}

const startApproval = (deps: RequestApprovalStarting, request: FundRequest) =>
  deps.approvalWorkflow.start({ kind: 'fundRequest', id: request.requestId });

/**
 * `submitFundRequest` with an optional Idempotency-Key: the same key (per partner) answers the request it
 * made (`created` false) instead of making another, so a retried submit is never a second request; the key
 * reused for a different request is a 409.
 */
export async function submitFundRequestOnce(
  deps: FundDeps & RequestApprovalStarting,
  actor: Actor,
  input: FundRequestInput,
  idempotencyKey: string | undefined,
): Promise<{ readonly request: FundRequest; readonly created: boolean }> {
  requireRole(actor, ['partner']);
  const requestId =
    idempotencyKey === undefined || actor.role !== 'partner'
      ? `FRQ-${deps.newId()}`
      : `FRQ-K${deps.keyedId(actor.partnerId, idempotencyKey)}`;
  if (idempotencyKey !== undefined) {
    const existing = await deps.funds.getRequest(requestId);
    if (existing !== undefined) return repeated(deps, existing, input);
  }
  const fund = await fundOrNotFound(deps, actor, input.fundId);
  const today = deps.clock().toISOString().slice(0, 10);
  if (fund.status !== 'active' || today > fund.validTo) {
    const message = `fund '${fund.fundId}' is ${fund.status === 'active' ? `past its validity (${fund.validTo})` : 'expired'}`;
    throw new BusinessRuleError('The fund takes no more requests', [{ path: 'fundId', message }]);
  }
  for (const field of ['startDate', 'endDate'] as const) {
    if (!isWithinValidity(fund, input[field])) {
      const message = `must be within the fund's validity ${fund.validFrom} to ${fund.validTo}`;
      throw new BusinessRuleError('The activity is outside the fund’s validity', [{ path: field, message }]);
    }
  }
  const plannedCost = minorUnitsOf(input.plannedCost, fund.currency);
  if (plannedCost === undefined || plannedCost <= 0n) {
    throw new ValidationError('Invalid planned cost', [
      {
        path: 'plannedCost',
        message: `must be greater than zero with at most the decimals of ${fund.currency}`,
      },
    ]);
  }
  const request = newFundRequest(fund, input, {
    requestId,
    plannedCost,
    by: actorOf(actor),
    at: deps.clock().toISOString(),
  });
  if (request.requestedAmount === fromMinorUnits(0n, fund.currency)) {
    throw new BusinessRuleError('Nothing to request', [
      { path: 'sharePercent', message: 'the share of the planned cost rounds to zero' },
    ]);
  }
  if (!(await deps.funds.createRequest(request))) {
    const existing = await deps.funds.getRequest(requestId);
    if (idempotencyKey !== undefined && existing !== undefined) return repeated(deps, existing, input);
    throw new AlreadyExistsError(`Fund request '${request.requestId}' exists already`);
  }
  await startApproval(deps, request);
  return { request, created: true };
}

/** An approver's decision on a request: approve (all of the requested amount, or less) or reject with a reason. */
export const fundRequestDecisionSchema = z
  .discriminatedUnion('decision', [
    z
      .object({
        decision: z.literal('approve').describe('Approve, reserving the amount in the fund'),
        amount: z
          .string()
          .regex(/^\d{1,15}(\.\d{1,6})?$/, 'must be a positive decimal string')
          .optional()
          .describe('Amount approved, at most the requested amount; the requested amount when left out'),
        comment: z.string().trim().max(1000).optional().describe('Note for the partner'),
      })
      .strict(),
    z
      .object({
        decision: z.literal('reject').describe('Reject'),
        reason: z.string().trim().min(1, 'say why').max(1000).describe('Why, for the partner'),
      })
      .strict(),
  ])
  .describe('`approve` (optionally a lower amount) or `reject` with a reason');
export type FundRequestDecision = z.output<typeof fundRequestDecisionSchema>;

/**
 * The next level decides a submitted request: an approver, then finance when the approval policy's
 * threshold asks for both (segregation of duties: never the submitter, never one person for two levels).
 * Approve at the last level: the amount (≤ requested or what the earlier level approved, > 0) is reserved in
 * the fund in the same atomic write that approves the request, only while the fund's available balance
 * covers it — concurrent approvals can never overdraw a fund (the loser gets 422 with the balance left).
 * Approve at an earlier level: the signature is recorded (the request stays `submitted`), if the fund covers
 * the amount now. Reject at any level: the request ends `rejected` with the reason. A second decision is a 409.
 * `task` is the approval task decided (its level and role); by default the next level, for its own role.
 */
export async function decideFundRequest(
  deps: FundDeps,
  actor: Actor,
  requestId: string,
  decision: FundRequestDecision,
  task?: RequestLevelTask,
): Promise<FundRequest> {
  requireRole(actor, ['approver', 'finance', 'admin']);
  const policy = await policyInForce({ policies: deps.approvalPolicies, clock: deps.clock });
  const by = actorOf(actor);
  let decided: FundRequest | undefined;
  let refusal: string | undefined;
  const outcome = await commitWithRetry(deps, async () => {
    const request = await requestOrNotFound(deps, actor, requestId);
    if (request.status !== 'submitted') {
      throw new StateConflictError(
        `Fund request '${requestId}' is ${request.status}, not awaiting a decision`,
      );
    }
    const signed = request.signatures?.length ?? 0;
    if (task !== undefined && task.levelIndex !== signed) {
      throw new StateConflictError(`Fund request '${requestId}' was decided at this level meanwhile`);
    }
    const level = assertMayDecideRequest(actor, request, task?.role ?? nextLevel(request));
    const at = deps.clock().toISOString();
    const fund = await fundOrNotFound(deps, actor, request.fundId);
    if (decision.decision === 'reject') {
      decided = requestMovedTo(request, 'rejected', { by, at, reason: decision.reason });
      return {
        fund: { fundId: fund.fundId, expectedStatus: fund.status, delta: reserveDelta(0n) },
        request: { next: decided, expected: 'submitted' },
        movements: [],
      };
    }
    if (fund.status !== 'active') {
      throw new BusinessRuleError('The fund expired', [
        { path: 'fundId', message: `fund '${fund.fundId}' is expired` },
      ]);
    }
    // A later level approves at most what the earlier one did.
    const signature = request.signatures?.at(-1);
    const ceiling = signature?.amount ?? request.requestedAmount;
    const bound = minorUnitsOf(ceiling, request.currency) ?? 0n;
    const amount = decision.amount === undefined ? bound : minorUnitsOf(decision.amount, request.currency);
    if (amount === undefined || amount <= 0n || amount > bound) {
      const what = signature === undefined ? 'the requested' : `the ${signature.level}-approved`;
      const message = `must be greater than zero and at most ${what} ${ceiling} ${request.currency}`;
      throw new BusinessRuleError('Invalid approved amount', [{ path: 'amount', message }]);
    }
    const text = fromMinorUnits(amount, request.currency);
    refusal = `approving ${text} ${request.currency} would overdraw fund '${fund.fundId}': ${fromMinorUnits(availableOf(fund.balances), fund.currency)} available`;
    const levels = fundRequestLevels(policy, request, text);
    if ((request.signatures?.length ?? 0) + 1 < levels.length) {
      if (amount > availableOf(fund.balances)) {
        throw new BusinessRuleError('The fund does not cover the amount', [
          { path: 'amount', message: refusal },
        ]);
      }
      const levelSignature = { level, by, at, amount: text };
      decided = {
        ...requestMovedTo(request, 'submitted', {
          by,
          at,
          amount: text,
          reason: `${level} approved; ${levels[levels.length - 1]} signs next`,
        }),
        signatures: [...(request.signatures ?? []), levelSignature],
      };
      return {
        fund: { fundId: fund.fundId, expectedStatus: fund.status, delta: reserveDelta(0n) },
        request: { next: decided, expected: 'submitted' },
        movements: [],
      };
    }
    // An accrual fund also holds its share of the co-op checkbook, which rebate and co-op claims draw on too.
    const scope = checkbookScopeOf(fund);
    let checkbook: FundTransaction['checkbook'];
    if (scope !== undefined) {
      const { credited } = await deps.claimFunds.balance(scope);
      checkbook = { scope, reserved: amount, settled: 0n, limit: checkbookLimit(credited, amount) };
      refusal += ` (and the co-op balance of ${scope.programId} ${scope.period} not held by other claims)`;
    }
    decided = requestMovedTo(request, 'approved', {
      by,
      at,
      amount: text,
      ...(decision.comment === undefined ? {} : { reason: decision.comment }),
    });
    return {
      fund: {
        fundId: fund.fundId,
        expectedStatus: 'active',
        delta: reserveDelta(amount),
        limit: reservationLimit(fund.balances, amount),
      },
      ...(checkbook === undefined ? {} : { checkbook }),
      request: { next: decided, expected: 'submitted' },
      movements: [
        {
          movementId: `reservation-${request.requestId}`,
          fundId: fund.fundId,
          kind: 'reservation',
          amount: text,
          at,
          by,
          requestId: request.requestId,
          note: `request ${request.requestId} approved (${request.activityType})`,
        },
      ],
    };
  });
  if (outcome === 'insufficientFunds') {
    throw new BusinessRuleError('The fund does not cover the amount', [
      { path: 'amount', message: refusal ?? 'exceeds the fund' },
    ]);
  }
  if (decided === undefined) throw new StateConflictError(`Fund request '${requestId}' was not decided`);
  return decided;
}

/**
 * Fund requests as the request-approval workflow decides them: a task's decision is a
 * `fundRequestDecisionSchema` body applied by `decideFundRequest` at the task's level.
 */
export function fundRequestApprovals(deps: FundDeps): ApprovalRequests {
  return {
    get: async (id) => {
      const request = await deps.funds.getRequest(id);
      return request === undefined ? undefined : fundRequestUnderApproval(request);
    },
    decide: async (actor, task, raw) => {
      const decision = parseDecision(fundRequestDecisionSchema, raw);
      const request = await decideFundRequest(deps, actor, task.subject.id, decision, task);
      return { outcome: request.status === 'submitted' ? 'levelApproved' : 'decided', decision, request };
    },
  };
}

/** One request; another partner's is a 404. */
export const getFundRequest = (deps: FundDeps, actor: Actor, requestId: string) =>
  requestOrNotFound(deps, actor, requestId);

/** Requests: a partner its own, staff all (optionally of one partner or fund). */
export async function listFundRequests(
  deps: FundDeps,
  actor: Actor,
  filter: {
    readonly partnerId?: string | undefined;
    readonly fundId?: string | undefined;
    /** `submitted`: the approvers' inbox of requests awaiting a decision. */
    readonly status?: FundRequestStatus | undefined;
  },
) {
  const listed =
    actor.role === 'partner'
      ? await deps.funds.listRequests({ partnerId: actor.partnerId })
      : await deps.funds.listRequests({ partnerId: filter.partnerId, fundId: filter.fundId });
  return listed.filter(
    (request) =>
      (filter.fundId === undefined || request.fundId === filter.fundId) &&
      (filter.status === undefined || request.status === filter.status),
  );
}
