import type { Actor } from '../access/actor';
import { NotFoundError } from '../shared/errors';
import type { Page, PageRequest } from '../shared/ports';
import { partnerReadBy } from './partner-review';
import type { PriceProtectionLine } from './price-protection-run';
import type { PriceProtectionDeps } from './run-price-protection';

/**
 * One partner's recovery (reverse price protection) of a run: its `recovery` line, with the figures and, once
 * a later claim took it back, `offsetByClaimId`. Read like the claims: a partner its own, staff the partner
 * named; another partner's, or a line that is no recovery, is "not found".
 */
export async function getPriceProtectionRecovery(
  deps: Pick<PriceProtectionDeps, 'store'>,
  actor: Actor,
  input: { readonly runId: string; readonly partnerId?: string | undefined },
): Promise<PriceProtectionLine> {
  const partnerId = partnerReadBy(actor, input.partnerId);
  const line = partnerId === undefined ? undefined : await deps.store.getLine(input.runId, partnerId);
  if (line?.status !== 'recovery') throw new NotFoundError('Price protection recovery not found');
  return line;
}

/** A partner's recoveries, oldest first, a page of its lines at a time (a page may hold fewer). */
export async function listPriceProtectionRecoveries(
  deps: Pick<PriceProtectionDeps, 'store'>,
  actor: Actor,
  input: PageRequest & { readonly partnerId?: string | undefined },
): Promise<Page<PriceProtectionLine>> {
  const partnerId = partnerReadBy(actor, input.partnerId);
  if (partnerId === undefined) return { items: [] };
  const page = await deps.store.linesOfPartner(partnerId, { limit: input.limit, cursor: input.cursor });
  const items = page.items.filter((line) => line.status === 'recovery');
  return page.nextCursor === undefined ? { items } : { items, nextCursor: page.nextCursor };
}
