import type { Actor } from '../../../domain/access/actor';
import { acceptPriceProtectionClaim } from '../../../domain/price-protection/partner-review';
import type { PriceProtectionRunRequest } from '../../../domain/price-protection/price-protection-run';
import {
  type PriceProtectionDeps,
  runPriceProtection,
} from '../../../domain/price-protection/run-price-protection';
import { demoPriceList, priceDropDate } from './demo-channel';

const manager: Actor = { userId: 'demo-channel-manager', role: 'channel_manager' };
const partner: Actor = { userId: 'demo-seed-dist-canada', role: 'partner', partnerId: 'DIST-CANADA' };

/**
 * The demo's price protection: the 1 July switch price drop protects DIST-CANADA's SW-0007, whose 31 March
 * 852 reports 59 on hand of which 15 were received that day at the January cost (the window reaches back
 * 120 days, so they count; the 44 older units do not).
 */
export const demoPriceProtectionRequest: PriceProtectionRunRequest = {
  priceListId: demoPriceList.priceListId,
  sku: 'SW-0007',
  effectiveFrom: priceDropDate,
  partnerIds: ['DIST-CANADA'],
  term: {
    minDecreasePercent: '5',
    eligibilityWindowDays: 120,
    supportedDifferencePercent: '100',
    supportedQuantityPercent: '100',
    includeInTransit: false,
    reverseOnIncrease: false,
    reconciliationToleranceUnits: '0',
  },
};

/**
 * The demo's reverse price protection: WL-0001's book cost rises 5% on 15 April (an entry only this seed adds),
 * and DIST-CANADA received 20 of them on 31 March at the January 182.00: the term recovers the gain,
 * 20 × (182.00 − 191.10) = −182.00, open until its next price protection claim nets it.
 */
const recoveryEntry = {
  sku: 'WL-0001',
  effectiveFrom: '2026-04-15',
  listPrice: '273.00',
  bookCost: '191.10',
};
export const demoRecoveryRequest: PriceProtectionRunRequest = {
  ...demoPriceProtectionRequest,
  sku: recoveryEntry.sku,
  effectiveFrom: recoveryEntry.effectiveFrom,
  term: { ...demoPriceProtectionRequest.term, reverseOnIncrease: true },
};

export interface SeededPriceProtection {
  readonly runId: string;
  readonly claimId: string | undefined;
  readonly amount: string | undefined;
  /** The run of the WL-0001 increase and DIST-CANADA's open recovery (negative amount). */
  readonly recoveryRunId: string;
  readonly recoveryAmount: string | undefined;
}

/**
 * Runs the demo price protection through the same use cases as the API and accepts the generated claim as
 * the partner, so it waits for demo-approver in the approval inbox. A re-run at a later start finds the run.
 */
export async function seedDemoPriceProtection(deps: PriceProtectionDeps): Promise<SeededPriceProtection> {
  const { run, lines, created } = await runPriceProtection(deps, manager, demoPriceProtectionRequest);
  const line = lines.find((each) => each.partnerId === 'DIST-CANADA');
  if (created && line?.claimId !== undefined && line.status === 'awaitingPartner') {
    await acceptPriceProtectionClaim(deps, partner, line.claimId);
  }
  // After the July claim, so the recovery stays open on the demo (an earlier one would be netted by it).
  const recovery = await seedDemoRecovery(deps);
  return { runId: run.runId, claimId: line?.claimId, amount: line?.protection?.amount, ...recovery };
}

async function seedDemoRecovery(deps: PriceProtectionDeps) {
  const priceListId = demoPriceList.priceListId;
  const id = { priceListId, sku: recoveryEntry.sku, effectiveFrom: recoveryEntry.effectiveFrom };
  if ((await deps.priceEntries.get(id)) === undefined) {
    const at = deps.clock().toISOString();
    await deps.priceEntries.create({
      ...recoveryEntry,
      priceListId,
      currency: demoPriceList.currency,
      version: 1,
      createdAt: at,
      updatedAt: at,
    });
  }
  const { run, lines } = await runPriceProtection(deps, manager, demoRecoveryRequest);
  const line = lines.find((each) => each.partnerId === 'DIST-CANADA');
  return { recoveryRunId: run.runId, recoveryAmount: line?.protection?.amount };
}
