import { type Actor, internalRoles } from '../access/actor';
import { partnerScope, requireRole, requireVisibleTo } from '../access/policies';
import { NotFoundError } from '../shared/errors';
import type { Page, PageRequest } from '../shared/ports';
import type { ClaimLineReversal, ShipAndDebitBillBack } from './bill-back';
import type { ShipAndDebitBillBackStore, ShipAndDebitClaimStore } from './ports';
import type { ShipAndDebitClaim } from './ship-and-debit-claim';
import { getShipAndDebitClaim } from './ship-and-debit-claim-queries';

const readers = [...internalRoles, 'partner'] as const;

/** One bill-back; another partner's is "not found". */
export async function getBillBack(
  deps: { readonly billBacks: ShipAndDebitBillBackStore },
  actor: Actor,
  billBackId: string,
): Promise<ShipAndDebitBillBack> {
  requireRole(actor, readers);
  const billBack = await deps.billBacks.get(billBackId);
  requireVisibleTo(actor, billBack?.partnerId, 'Bill-back');
  if (billBack === undefined) throw new NotFoundError('Bill-back not found');
  return billBack;
}

/** Bill-backs a page at a time, oldest first: a partner user's own only, staff every partner's (or one's). */
export async function listBillBacks(
  deps: { readonly billBacks: ShipAndDebitBillBackStore },
  actor: Actor,
  input: PageRequest & { readonly partnerId?: string | undefined },
): Promise<Page<ShipAndDebitBillBack>> {
  requireRole(actor, readers);
  const { partnerId, ...page } = input;
  const own = partnerScope(actor);
  if (own !== undefined && partnerId !== undefined && partnerId !== own) return { items: [] };
  return deps.billBacks.list(own ?? partnerId, page);
}

/** A ship & debit claim with what bill-backs took back from its lines since (line order). */
export async function getShipAndDebitClaimWithReversals(
  deps: { readonly claims: ShipAndDebitClaimStore; readonly billBacks: ShipAndDebitBillBackStore },
  actor: Actor,
  claimId: string,
): Promise<{ readonly claim: ShipAndDebitClaim; readonly reversals: ClaimLineReversal[] }> {
  const claim = await getShipAndDebitClaim(deps, actor, claimId);
  const reversals = [...(await deps.billBacks.reversalsOf([claimId])).values()];
  return { claim, reversals: reversals.sort((a, b) => a.lineNumber - b.lineNumber) };
}
