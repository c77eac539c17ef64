import type { ClaimActor } from '../claims/claim';
import { StateConflictError } from '../shared/errors';
import type { IsoDate } from '../shared/iso-date';
import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';
import { availableOf, drawnOf, expiryDelta, noDelta, releaseDelta } from './fund';
import { commitWithRetry } from './fund-access';
import { checkbookMove } from './fund-claim-use-cases';
import { dueOn, isOpen, requestMovedTo } from './fund-request';
import type { FundDeps, FundTransaction } from './ports';

/** The scheduled job acts as the system, as the audit trails record it. */
export const expiryActor: ClaimActor = { userId: 'system:fund-expiry', role: 'admin' };

export interface ExpiryReport {
  readonly requestsExpired: number;
  readonly fundsExpired: number;
}

/**
 * The daily expiry job (EventBridge schedule), for `today`. Main course: every open request past its due
 * date expires — one never decided after its activity ended, one approved but not claimed by its claim
 * date; an approved one's reservation goes back to the fund (to `expired` if the fund expired already) →
 * then every active fund past its expiry date expires, its available balance released and posted as an
 * `expiry` movement. Each step is one conditional write, so a rerun (or two overlapping runs) changes
 * nothing twice; a request claimed meanwhile is left to its review.
 */
export async function expireFunds(deps: FundDeps, today: IsoDate): Promise<ExpiryReport> {
  const at = deps.clock().toISOString();
  let requestsExpired = 0;
  for (const due of await deps.funds.requestsDueBefore(today)) {
    const outcome = await commitWithRetry(deps, async () => {
      const request = (await deps.funds.getRequest(due.requestId)) ?? due;
      const fund = await deps.funds.getFund(request.fundId);
      if (!isOpen(request.status) || dueOn(request) >= today || fund === undefined) {
        return skip(request.requestId);
      }
      const reserved =
        request.status === 'approved' ? toMinorUnits(request.approvedAmount ?? '0', request.currency) : 0n;
      const next = requestMovedTo(request, 'expired', {
        by: expiryActor,
        at,
        reason:
          request.status === 'approved'
            ? `not claimed by ${request.claimBy}`
            : `not decided by ${request.endDate}`,
      });
      return {
        fund: {
          fundId: fund.fundId,
          expectedStatus: fund.status,
          delta: reserved > 0n ? releaseDelta(fund, reserved) : noDelta,
        },
        ...(reserved > 0n ? checkbookMove(fund, -reserved, 0n) : {}),
        request: { next, expected: request.status },
        movements:
          reserved > 0n
            ? [
                {
                  movementId: `release-${request.requestId}`,
                  fundId: fund.fundId,
                  kind: fund.status === 'expired' ? 'expiry' : 'release',
                  amount: fromMinorUnits(reserved, request.currency),
                  at,
                  by: expiryActor,
                  requestId: request.requestId,
                  note: `request ${request.requestId} expired unclaimed`,
                },
              ]
            : [],
      } satisfies FundTransaction;
    }).catch(skipped);
    if (outcome === 'committed') requestsExpired++;
  }
  let fundsExpired = 0;
  for (const due of await deps.funds.fundsExpiringBefore(today)) {
    const outcome = await commitWithRetry(deps, async () => {
      const fund = (await deps.funds.getFund(due.fundId)) ?? due;
      if (fund.status !== 'active' || fund.expiresOn >= today) return skip(fund.fundId);
      const delta = expiryDelta(fund.balances);
      return {
        fund: {
          fundId: fund.fundId,
          expectedStatus: 'active',
          delta,
          expectedDrawn: drawnOf(fund.balances),
          nextStatus: 'expired',
        },
        movements:
          delta.expired > 0n
            ? [
                {
                  movementId: `expiry-${fund.fundId}`,
                  fundId: fund.fundId,
                  kind: 'expiry',
                  amount: fromMinorUnits(availableOf(fund.balances), fund.currency),
                  at,
                  by: expiryActor,
                  note: `use it or lose it: unspent balance released on ${today} (expired after ${fund.expiresOn})`,
                },
              ]
            : [],
      } satisfies FundTransaction;
    }).catch(skipped);
    if (outcome === 'committed') fundsExpired++;
  }
  return { requestsExpired, fundsExpired };
}

/** Read again, the record needs nothing any more (someone claimed, decided or expired it meanwhile). */
class NothingToDo extends Error {}

function skip(id: string): never {
  throw new NothingToDo(`nothing to do for ${id}`);
}

/** A record left alone this run: nothing to do, or changed too often meanwhile (tomorrow's run retries it). */
function skipped(error: unknown): 'skipped' {
  if (error instanceof NothingToDo || error instanceof StateConflictError) return 'skipped';
  throw error;
}
