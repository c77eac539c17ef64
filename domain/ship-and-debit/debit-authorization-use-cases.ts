import { type Actor, internalRoles, type Role } from '../access/actor';
import { partnerScope, requireRole, requireVisibleTo } from '../access/policies';
import { parseDecision } from '../approvals/approval-subject';
import type { ApprovalRequests, RequestApprovalStarting, RequestUnderApproval } from '../approvals/ports';
import { assertMaySign } from '../approvals/segregation-of-duties';
import type { EndCustomerData } from '../end-customers/end-customer';
import type { PriceListData } from '../price-lists/price-list';
import type { ProductData } from '../products/product';
import type { FieldIssue } from '../shared/errors';
import {
  AlreadyExistsError,
  BusinessRuleError,
  ForbiddenError,
  NotFoundError,
  StateConflictError,
  ValidationError,
} from '../shared/errors';
import type { Clock, Page, PageRequest, RecordStore } from '../shared/ports';
import {
  type DebitAuthorization,
  type DebitAuthorizationCoverage,
  type DebitAuthorizationTerms,
  debitAuthorizationSchema,
} from './debit-authorization';
import {
  amendDebitAuthorization,
  approveDebitAuthorization,
  cancelDebitAuthorization,
} from './debit-authorization-lifecycle';
import {
  type DebitAuthorizationAmendment,
  type DebitAuthorizationDecision,
  type DebitAuthorizationRequest,
  debitAuthorizationDecisionSchema,
  type RequestedAuthorizationLine,
} from './debit-authorization-requests';
import type { DebitAuthorizationStore } from './ports';

export interface DebitAuthorizationDeps {
  readonly authorizations: DebitAuthorizationStore;
  /** Master data the terms name: every product must exist, and the price list of the book cost. */
  readonly products: Pick<RecordStore<ProductData>, 'get'>;
  readonly priceLists: Pick<RecordStore<PriceListData>, 'get'>;
  /** The end-customer master: a segment blanket must name a segment some end customer is in. */
  readonly endCustomers: Pick<RecordStore<EndCustomerData>, 'list'>;
  readonly clock: Clock;
  /** A new authorization number (the contract number partners quote on claims). */
  readonly newAuthorizationNumber: () => string;
}

const requesters: readonly Role[] = ['partner', 'channel_manager'];
const maintainers: readonly Role[] = ['approver', 'channel_manager', 'admin'];
const readers = [...internalRoles, 'partner'] as const;

const linesOf = (lines: readonly RequestedAuthorizationLine[]) =>
  lines.map((line) => ({
    productSku: line.productSku,
    pricing: line.pricing,
    quantityCap: line.quantityCap,
    remainingQuantity: line.quantityCap,
    ...(line.resaleCeiling === undefined ? {} : { resaleCeiling: line.resaleCeiling }),
  }));

/**
 * Refuses terms naming a product, price list or end-customer segment the master data does not hold (422,
 * with the field). A segment no end customer is in is refused rather than kept: it is most likely a typo
 * (`HEALTH-CARE` for `HEALTHCARE`), and the blanket would silently cover nothing.
 */
async function requireKnownReferences(
  deps: DebitAuthorizationDeps,
  lines: readonly { readonly productSku: string }[],
  priceListId: string | undefined,
  coverage?: DebitAuthorizationCoverage,
): Promise<void> {
  const issues: FieldIssue[] = [];
  if (coverage?.kind === 'segment') {
    const holders = await deps.endCustomers.list({ group: coverage.segment, limit: 1 });
    if (holders.items.length === 0)
      issues.push({ path: 'coverage.segment', message: `no end customer is in segment ${coverage.segment}` });
  }
  const products = await Promise.all(lines.map((line) => deps.products.get(line.productSku)));
  products.forEach((product, index) => {
    if (product === undefined)
      issues.push({
        path: `lines.${index}.productSku`,
        message: `is not a product (${lines[index]?.productSku})`,
      });
  });
  if (priceListId !== undefined && (await deps.priceLists.get(priceListId)) === undefined)
    issues.push({ path: 'priceListId', message: `is not a price list (${priceListId})` });
  if (issues.length > 0) throw new BusinessRuleError('The terms name unknown master data', issues);
}

/** The partner a request is for: a partner user's own; the one a channel manager names. */
function requesterPartner(actor: Actor, partnerId: string | undefined): string {
  if (actor.role === 'partner') {
    if (partnerId !== undefined && partnerId !== actor.partnerId)
      throw new ForbiddenError('A partner user requests special pricing for its own partner only');
    return actor.partnerId;
  }
  if (partnerId === undefined)
    throw new ValidationError('Name the partner the authorization is for', [
      { path: 'partnerId', message: 'is required when a channel manager requests' },
    ]);
  return partnerId;
}

/** What a stored request is made of: its partner, number and terms, and the deal it came from, if any. */
export interface AuthorizationRequestToStore {
  readonly partnerId: string;
  readonly authorizationNumber: string;
  readonly request: Omit<DebitAuthorizationRequest, 'partnerId'>;
  readonly dealRegistrationId?: string;
}

/**
 * Stores a request `requested` under its number once its products and price list are known, each line's
 * remaining quantity its cap until a decision, and starts its approval workflow (one execution per number);
 * undefined when the number is taken.
 */
export async function storeAuthorizationRequest(
  deps: DebitAuthorizationDeps & RequestApprovalStarting,
  actor: Actor,
  input: AuthorizationRequestToStore,
): Promise<DebitAuthorization | undefined> {
  const { request } = input;
  await requireKnownReferences(deps, request.lines, request.priceListId, request.coverage);
  const authorization = debitAuthorizationSchema.parse({
    authorizationNumber: input.authorizationNumber,
    partnerId: input.partnerId,
    currency: request.currency,
    bookCostBasis: request.bookCostBasis,
    ...(request.priceListId === undefined ? {} : { priceListId: request.priceListId }),
    ...(request.justification === undefined ? {} : { justification: request.justification }),
    ...(input.dealRegistrationId === undefined ? {} : { dealRegistrationId: input.dealRegistrationId }),
    coverage: request.coverage,
    validFrom: request.validFrom,
    validTo: request.validTo,
    lines: linesOf(request.lines),
    status: 'requested',
    version: 1,
    history: [],
    requestedBy: actor.userId,
    requestedAt: deps.clock().toISOString(),
  });
  if (!(await deps.authorizations.create(authorization))) return undefined;
  await deps.approvalWorkflow.start({
    kind: 'debitAuthorizationRequest',
    id: authorization.authorizationNumber,
  });
  return authorization;
}

/**
 * Requests special pricing (a partner for itself, a channel manager for a partner): stored `requested`
 * under a new authorization number, each line's remaining quantity its cap until a decision.
 */
export async function requestDebitAuthorization(
  deps: DebitAuthorizationDeps & RequestApprovalStarting,
  actor: Actor,
  request: DebitAuthorizationRequest,
): Promise<DebitAuthorization> {
  requireRole(actor, requesters);
  const partnerId = requesterPartner(actor, request.partnerId);
  const authorizationNumber = deps.newAuthorizationNumber();
  const stored = await storeAuthorizationRequest(deps, actor, { partnerId, authorizationNumber, request });
  if (stored === undefined)
    throw new AlreadyExistsError(`authorization ${authorizationNumber} exists already`);
  return stored;
}

/** One authorization with its history and remaining quantities; another partner's is "not found". */
export async function getDebitAuthorization(
  deps: Pick<DebitAuthorizationDeps, 'authorizations'>,
  actor: Actor,
  authorizationNumber: string,
): Promise<DebitAuthorization> {
  requireRole(actor, readers);
  const authorization = await deps.authorizations.get(authorizationNumber);
  requireVisibleTo(actor, authorization?.partnerId, 'Debit authorization');
  if (authorization === undefined) throw new NotFoundError('Debit authorization not found');
  return authorization;
}

/** Authorizations a page at a time: a partner user's own only, staff every partner's (or one partner's). */
export async function listDebitAuthorizations(
  deps: Pick<DebitAuthorizationDeps, 'authorizations'>,
  actor: Actor,
  input: PageRequest & { readonly partnerId?: string | undefined },
): Promise<Page<DebitAuthorization>> {
  requireRole(actor, readers);
  const { partnerId, ...page } = input;
  const own = partnerScope(actor);
  if (own !== undefined && partnerId !== undefined && partnerId !== own) return { items: [] };
  return deps.authorizations.list(own ?? partnerId, page);
}

async function replaceOrConflict(
  deps: DebitAuthorizationDeps,
  previous: DebitAuthorization,
  next: DebitAuthorization,
): Promise<DebitAuthorization> {
  if (!(await deps.authorizations.replace(previous, next))) {
    throw new StateConflictError(
      `authorization ${previous.authorizationNumber} changed meanwhile (a decision or a claim): read it again`,
    );
  }
  // Claims may have drawn since the read: answer with what is stored now.
  return (await deps.authorizations.get(next.authorizationNumber)) ?? next;
}

/** One level decides a request for special pricing: its exposure depends on claims to come, not on an amount. */
export const authorizationRequestLevels = ['approver'] as const;

/**
 * Decides a request at its approval task (the task's role, or an admin; never the one who requested it):
 * approve as requested or on other terms (lines, dates) — it becomes claimable, each line's remaining
 * quantity its cap — or reject (cancelled, with the reason in its history). A second decision is a 409.
 */
export async function decideDebitAuthorization(
  deps: DebitAuthorizationDeps,
  actor: Actor,
  authorizationNumber: string,
  decision: DebitAuthorizationDecision,
  role: Role,
): Promise<DebitAuthorization> {
  const request = await getDebitAuthorization(deps, actor, authorizationNumber);
  if (request.status !== 'requested')
    throw new StateConflictError(
      `authorization ${authorizationNumber} is ${request.status}: decided already`,
    );
  assertMaySign(actor, role, {
    what: 'debit authorization request',
    requestedBy: request.requestedBy,
    signers: [],
  });
  const now = deps.clock();
  const change = {
    at: now.toISOString(),
    by: actor.userId,
    ...(decision.comment === undefined ? {} : { reason: decision.comment }),
  };
  if (decision.decision === 'reject')
    return replaceOrConflict(deps, request, cancelDebitAuthorization(request, change));
  const terms: DebitAuthorizationTerms = {
    coverage: request.coverage,
    validFrom: decision.validFrom ?? request.validFrom,
    validTo: decision.validTo ?? request.validTo,
    lines: decision.lines === undefined ? request.lines : linesOf(decision.lines),
  };
  if (decision.lines !== undefined) await requireKnownReferences(deps, decision.lines, undefined);
  if (terms.validTo < terms.validFrom)
    throw new ValidationError('The authorized validity is empty', [
      { path: 'validTo', message: 'must not be before validFrom' },
    ]);
  const approved = approveDebitAuthorization(request, now.toISOString().slice(0, 10), change, terms);
  return replaceOrConflict(deps, request, approved);
}

/** A request for special pricing as the request-approval workflow sees it. */
function authorizationUnderApproval(authorization: DebitAuthorization): RequestUnderApproval {
  const products = authorization.lines.map((line) => `${line.productSku} ×${line.quantityCap}`).join(', ');
  const coverage = authorization.coverage;
  const customer =
    coverage.kind === 'endCustomer'
      ? coverage.endCustomerId
      : coverage.kind === 'segment'
        ? `segment ${coverage.segment}`
        : 'any end customer';
  return {
    subject: {
      kind: 'debitAuthorizationRequest',
      id: authorization.authorizationNumber,
      partnerId: authorization.partnerId,
      currency: authorization.currency,
      summary: `Special pricing for ${customer}: ${products} (${authorization.validFrom} to ${authorization.validTo})`,
    },
    requestedBy: authorization.requestedBy,
    signers: [],
    awaitingDecision: authorization.status === 'requested',
    levels: () => [...authorizationRequestLevels],
  };
}

/**
 * Requests for special pricing as the request-approval workflow decides them: a task's decision is a
 * `debitAuthorizationDecisionSchema` body applied by `decideDebitAuthorization` for the task's role.
 */
export function debitAuthorizationApprovals(deps: DebitAuthorizationDeps): ApprovalRequests {
  return {
    get: async (id) => {
      const authorization = await deps.authorizations.get(id);
      return authorization === undefined ? undefined : authorizationUnderApproval(authorization);
    },
    decide: async (actor, task, raw) => {
      const decision = parseDecision(debitAuthorizationDecisionSchema, raw);
      const request = await decideDebitAuthorization(deps, actor, task.subject.id, decision, task.role);
      return { outcome: 'decided', decision, request };
    },
  };
}

/**
 * Amends an approved authorization's terms (a new version; the old one kept in its history). What claims
 * already took of a product stays taken: a cap below it, or dropping a product claims used, is a 422.
 */
export async function amendDebitAuthorizationTerms(
  deps: DebitAuthorizationDeps,
  actor: Actor,
  authorizationNumber: string,
  amendment: DebitAuthorizationAmendment,
): Promise<DebitAuthorization> {
  requireRole(actor, maintainers);
  const current = await getDebitAuthorization(deps, actor, authorizationNumber);
  const { reason, ...terms } = amendment;
  // A segment the authorization already names stays allowed, even if its end customers have moved since.
  const sameCoverage = JSON.stringify(terms.coverage) === JSON.stringify(current.coverage);
  await requireKnownReferences(deps, terms.lines, undefined, sameCoverage ? undefined : terms.coverage);
  const change = { at: deps.clock().toISOString(), by: actor.userId, reason };
  const next = amendDebitAuthorization(current, { ...terms, lines: linesOf(terms.lines) }, change);
  return replaceOrConflict(deps, current, next);
}

/** Cancels an authorization (staff): later claims on it are rejected with 901 code 23. */
export async function cancelDebitAuthorizationByStaff(
  deps: DebitAuthorizationDeps,
  actor: Actor,
  authorizationNumber: string,
  reason: string,
): Promise<DebitAuthorization> {
  requireRole(actor, maintainers);
  const current = await getDebitAuthorization(deps, actor, authorizationNumber);
  const next = cancelDebitAuthorization(current, {
    at: deps.clock().toISOString(),
    by: actor.userId,
    reason,
  });
  return replaceOrConflict(deps, current, next);
}
