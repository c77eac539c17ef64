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

export interface SeededPriceProtection {
  readonly runId: string;
  readonly claimId: string | undefined;
  readonly amount: string | undefined;
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
  return { runId: run.runId, claimId: line?.claimId, amount: line?.protection?.amount };
}
