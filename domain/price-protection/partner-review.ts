import { z } from 'zod';
import { type Actor, internalRoles } from '../access/actor';
import { partnerScope, requireRole, requireVisibleTo } from '../access/policies';
import type { Claim } from '../claims/claim';
import { publishClaimSubmitted } from '../claims/publish-claim-submitted';
import { NotFoundError, StateConflictError, ValidationError } from '../shared/errors';
import type { Page, PageRequest } from '../shared/ports';
import type { PriceProtectionLine } from './price-protection-run';
import type { PriceProtectionDeps } from './run-price-protection';

/** A partner's price protection claim: its line in the run (the figures) and the claim itself. */
export interface PriceProtectionClaimView {
  readonly line: PriceProtectionLine;
  readonly claim: Claim;
}

export const disputeSchema = z
  .object({
    reason: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(2000)
      .describe('What the partner disputes and why'),
  })
  .strict();

const reviewCodes = { accepted: 'partnerAccepted', disputed: 'partnerDisputed' } as const;
type Review = keyof typeof reviewCodes;

const readers = [...internalRoles, 'partner'] as const;

/** A price protection claim and its line; another partner's, or a claim of another type, is "not found". */
export async function getPriceProtectionClaim(
  deps: Pick<PriceProtectionDeps, 'claims' | 'store'>,
  actor: Actor,
  claimId: string,
): Promise<PriceProtectionClaimView> {
  requireRole(actor, readers);
  const claim = await deps.claims.get(claimId);
  requireVisibleTo(actor, claim?.partnerId, 'Price protection claim');
  const line = claim === undefined ? undefined : await deps.store.getLine(claim.programId, claim.partnerId);
  if (claim === undefined || claim.type !== 'priceProtection' || line === undefined) {
    throw new NotFoundError('Price protection claim not found');
  }
  return { line, claim };
}

/**
 * A partner's price protection claims, oldest first: a partner user its own (any `partnerId` it names is
 * ignored for another partner: it sees nothing), staff one partner's.
 */
export async function listPriceProtectionClaims(
  deps: Pick<PriceProtectionDeps, 'claims' | 'store'>,
  actor: Actor,
  input: PageRequest & { readonly partnerId?: string | undefined },
): Promise<Page<PriceProtectionClaimView>> {
  const partnerId = partnerReadBy(actor, input.partnerId);
  if (partnerId === undefined) return { items: [] };
  const page = await deps.store.linesOfPartner(partnerId, { limit: input.limit, cursor: input.cursor });
  const withClaims = page.items.filter((line) => line.claimId !== undefined);
  const claims = await deps.claims.getAll(withClaims.map((line) => line.claimId as string));
  const items = withClaims.flatMap((line) => {
    const claim = claims.get(line.claimId as string);
    return claim === undefined ? [] : [{ line, claim }];
  });
  return page.nextCursor === undefined ? { items } : { items, nextCursor: page.nextCursor };
}

/**
 * Whose price protection figures `actor` reads when it names `partnerId`: a partner user its own (undefined,
 * i.e. nothing, when it names another), staff the partner it names (which it must).
 */
export function partnerReadBy(actor: Actor, partnerId: string | undefined): string | undefined {
  requireRole(actor, readers);
  const own = partnerScope(actor);
  if (own !== undefined && partnerId !== undefined && partnerId !== own) return undefined;
  const named = own ?? partnerId;
  if (named === undefined) {
    throw new ValidationError('Name the partner', [
      { path: 'query.partnerId', message: 'is required for staff' },
    ]);
  }
  return named;
}

/** The review a claim already records (a retry whose line write failed finishes it). */
function recordedReview(claim: Claim): Review | undefined {
  const entry = claim.history.findLast((each) => each.from === 'submitted' && each.to === 'validated');
  if (entry?.reasonCode === reviewCodes.accepted) return 'accepted';
  if (entry?.reasonCode === reviewCodes.disputed) return 'disputed';
  return undefined;
}

/**
 * The partner accepts or disputes its generated claim. Main course: the claim moves `submitted` →
 * `validated` (conditional: a second review is a 409), a dispute adding `disputed` to what requires a
 * person, so no threshold approves it alone → the line records the review (and the dispute) →
 * `ClaimSubmitted` starts the usual approval workflow, which settles and pays it like any claim. A retry
 * after a failure between the writes finishes the same review; publishing twice starts one workflow.
 */
async function review(
  deps: PriceProtectionDeps,
  actor: Actor,
  claimId: string,
  outcome: Review,
  reason?: string,
): Promise<PriceProtectionClaimView> {
  requireRole(actor, ['partner']);
  const { claim, line } = await getPriceProtectionClaim(deps, actor, claimId);
  const at = deps.clock().toISOString();
  const by = { userId: actor.userId, role: actor.role };
  let reviewed = claim;
  if (claim.status === 'submitted') {
    reviewed = {
      ...claim,
      status: 'validated',
      ...(outcome === 'disputed' ? { reviewRequired: [...(claim.reviewRequired ?? []), 'disputed'] } : {}),
      history: [
        ...claim.history,
        {
          at,
          by,
          from: 'submitted',
          to: 'validated',
          reasonCode: reviewCodes[outcome],
          ...(reason === undefined ? {} : { comment: reason }),
        },
      ],
      version: claim.version + 1,
    };
    if (!(await deps.claims.transition(reviewed, 'submitted'))) {
      throw new StateConflictError(`Claim '${claimId}' was reviewed a moment ago`);
    }
  } else if (line.status !== 'awaitingPartner' || recordedReview(claim) !== outcome) {
    throw new StateConflictError(`Claim '${claimId}' was ${recordedReview(claim) ?? claim.status} already`);
  }
  let next = line;
  if (line.status === 'awaitingPartner') {
    next = {
      ...line,
      status: outcome,
      ...(outcome === 'disputed' && reason !== undefined ? { dispute: { reason, by, at } } : {}),
      version: line.version + 1,
    };
    if (!(await deps.store.replaceLine(next))) {
      throw new StateConflictError(`The line of claim '${claimId}' changed a moment ago`);
    }
  }
  await publishClaimSubmitted(deps, reviewed);
  return { line: next, claim: reviewed };
}

/** The partner accepts the generated claim: it goes to approval (thresholds may approve it). */
export const acceptPriceProtectionClaim = (deps: PriceProtectionDeps, actor: Actor, claimId: string) =>
  review(deps, actor, claimId, 'accepted');

/** The partner disputes the generated claim: it goes to approval with a person deciding, the reason attached. */
export const disputePriceProtectionClaim = (
  deps: PriceProtectionDeps,
  actor: Actor,
  input: { readonly claimId: string; readonly reason: string },
) => review(deps, actor, input.claimId, 'disputed', input.reason);
