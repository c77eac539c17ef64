import type {
  PriceProtectionLine,
  PriceProtectionRun,
} from '../../../domain/price-protection/price-protection-run';
import type { PriceProtectionTerm } from '../../../domain/price-protection/price-protection-term';

/** Full protection of a decrease of 5 % or more, for stock received within 60 days; no recovery on increases. */
export const term: PriceProtectionTerm = {
  minDecreasePercent: '5',
  eligibilityWindowDays: 60,
  supportedDifferencePercent: '100',
  supportedQuantityPercent: '100',
  includeInTransit: false,
  reverseOnIncrease: false,
  reconciliationToleranceUnits: '0',
};

/** A completed run `runId` of the SW-24 drop from 50.00 to 44.00 USD for P1, started at `createdAt`. */
export const completedRun = (runId: string, createdAt: string): PriceProtectionRun => ({
  runId,
  request: { priceListId: 'PL', sku: 'SW-24', effectiveFrom: '2026-03-15', partnerIds: ['P1'], term },
  currency: 'USD',
  oldUnitCost: '50.00',
  newUnitCost: '44.00',
  direction: 'decrease',
  changePercent: '12',
  outcome: 'claimsGenerated',
  status: 'completed',
  totalClaimed: '720.00',
  claimCount: 1,
  createdBy: { userId: 'u-cm', role: 'channel_manager' },
  createdAt,
  completedAt: createdAt,
});

/** Partner `partnerId`'s line of run `runId` with nothing to protect, first version, written at `createdAt`. */
export const emptyLine = (runId: string, partnerId: string, createdAt: string): PriceProtectionLine => ({
  runId,
  partnerId,
  status: 'nothingToProtect',
  createdAt,
  version: 1,
});
