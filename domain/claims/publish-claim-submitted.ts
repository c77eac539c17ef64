import { claimSubmittedV1, detailType, source } from '../../events/claim-submitted.v1';
import type { EventPublisher } from '../shared/ports';
import { type Claim, claimHeadline } from './claim';

/** Publishes `ClaimSubmitted.v1` for a validated claim (its amount reserved); the approval workflow starts on it. */
export async function publishClaimSubmitted(
  deps: { readonly events: EventPublisher },
  claim: Claim,
): Promise<void> {
  const detail = claimSubmittedV1.parse({
    version: 1,
    ...claimHeadline(claim),
    submittedBy: claim.submittedBy,
    occurredAt: claim.submittedAt,
  });
  await deps.events.publish({ source, detailType, detail });
}
