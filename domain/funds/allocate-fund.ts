import type { Actor } from '../access/actor';
import { requireRole } from '../access/policies';
import { AlreadyExistsError, BusinessRuleError } from '../shared/errors';
import { fromMinorUnits } from '../shared/money/minor-units';
import { type Fund, type FundAllocation, minorUnitsOf, newFund } from './fund';
import { actorOf, fundOrNotFound } from './fund-access';
import type { FundDeps } from './ports';

/**
 * A channel manager (or admin) allocates a fund. Main course: the partner must exist and be active → a
 * discretionary fund gets the amount sent; an accrual fund gets the co-op program period's earned balance
 * not yet claimed (earned + adjustments − approved claims, as the checkbook's claim fund keeps them: `settled`
 * moves with each claim's posting) → the fund is stored with its `allocation` movement.
 */
export async function allocateFund(deps: FundDeps, actor: Actor, allocation: FundAllocation): Promise<Fund> {
  requireRole(actor, ['channel_manager', 'admin']);
  const partner = await deps.partners.get(allocation.partnerId);
  if (partner?.status !== 'active') {
    const message = `partner '${allocation.partnerId}' does not exist or is not active`;
    throw new BusinessRuleError(message, [{ path: 'partnerId', message }]);
  }
  let allocated = 0n;
  if (allocation.kind === 'discretionary') {
    allocated = minorUnitsOf(allocation.amount ?? '0', allocation.currency) ?? 0n;
  } else if (allocation.programId !== undefined) {
    const { credited, draws } = await deps.claimFunds.balance({
      partnerId: allocation.partnerId,
      programId: allocation.programId,
      period: allocation.period,
      fund: 'coop',
      currency: allocation.currency,
    });
    allocated = credited - draws.settled;
  }
  const at = deps.clock().toISOString();
  const by = actorOf(actor);
  const fund = newFund(allocation, { fundId: `FND-${deps.newId()}`, allocated, by, at });
  const created = await deps.funds.createFund(fund, {
    movementId: `allocation-${fund.fundId}`,
    fundId: fund.fundId,
    kind: 'allocation',
    amount: fromMinorUnits(allocated, fund.currency),
    at,
    by,
    note:
      fund.kind === 'accrual'
        ? `earned co-op balance of program ${fund.programId} ${fund.period}`
        : `MDF budget ${fund.period}`,
  });
  if (!created) throw new AlreadyExistsError(`Fund '${fund.fundId}' exists already`);
  return fund;
}

/** One fund; another partner's is a 404. */
export const getFund = (deps: FundDeps, actor: Actor, fundId: string) => fundOrNotFound(deps, actor, fundId);

/** Funds: a partner its own; staff every fund or one partner's. */
export function listFunds(deps: FundDeps, actor: Actor, filter: { readonly partnerId?: string | undefined }) {
  return deps.funds.listFunds(actor.role === 'partner' ? actor.partnerId : filter.partnerId);
}

/** A fund's posted movements, oldest first; another partner's fund is a 404. */
export async function fundMovements(deps: FundDeps, actor: Actor, fundId: string) {
  await fundOrNotFound(deps, actor, fundId);
  return deps.funds.movementsOf(fundId);
}
