import { authorizationLineKey } from '../../../domain/ship-and-debit/authorization-index';
import {
  type ClaimLineReversal,
  reversalKeyOf,
  type ShipAndDebitBillBack,
} from '../../../domain/ship-and-debit/bill-back';
import type { ShipAndDebitBillBackStore } from '../../../domain/ship-and-debit/ports';

/**
 * Bill-backs in memory (`remaining`: by `authorizationLineKey`) with the store's semantics where they matter: a create is one atomic step that
 * refuses a taken id and any reversal or remaining quantity that moved since it was read.
 */
export function inMemoryBillBacks(remaining: Map<string, number> = new Map()) {
  const billBacks = new Map<string, ShipAndDebitBillBack>();
  const reversals = new Map<string, ClaimLineReversal>();
  const store: ShipAndDebitBillBackStore = {
    get: async (billBackId) => billBacks.get(billBackId),
    reversalsOf: async (claimIds) =>
      new Map([...reversals].filter(([, reversal]) => claimIds.includes(reversal.claimId))),
    create: async (billBack, planned, restorations) => {
      if (billBacks.has(billBack.billBackId)) return 'exists';
      const moved =
        planned.some(
          ({ read, next }) =>
            reversals.get(reversalKeyOf(next.claimId, next.lineNumber))?.quantity !== read?.quantity,
        ) ||
        restorations.some(
          (each) =>
            (remaining.get(authorizationLineKey(each.authorizationNumber, each.productSku)) ?? 0) !==
            each.expectedRemaining,
        );
      if (moved) return 'changed';
      billBacks.set(billBack.billBackId, billBack);
      for (const { next } of planned) reversals.set(reversalKeyOf(next.claimId, next.lineNumber), next);
      for (const each of restorations)
        remaining.set(
          authorizationLineKey(each.authorizationNumber, each.productSku),
          each.expectedRemaining + each.quantity,
        );
      return 'saved';
    },
    openOf: async (partnerId, currency, limit) =>
      [...billBacks.values()]
        .filter(
          (each) => each.partnerId === partnerId && each.currency === currency && each.status === 'open',
        )
        .slice(0, limit),
    list: async () => ({ items: [...billBacks.values()] }),
  };
  /** What a claim's save does to the bill-backs it nets: each must be open, each becomes offset. */
  const offset = (claimId: string, billBackIds: readonly string[]): boolean => {
    if (billBackIds.some((id) => billBacks.get(id)?.status !== 'open')) return false;
    for (const id of billBackIds) {
      const billBack = billBacks.get(id);
      if (billBack) billBacks.set(id, { ...billBack, status: 'offset', offsetByClaimId: claimId });
    }
    return true;
  };
  return { store, billBacks, reversals, offset };
}
