import type { PriceEntry } from './price-list';

export interface EffectivePrice {
  readonly entry: PriceEntry;
  /** First day the entry no longer holds (the next entry's start), absent while it is the latest. */
  readonly effectiveUntil?: string;
}

/**
 * Picks the entry in force on `date` from one product's entries: the latest that starts on or before it.
 * ISO dates compare correctly as strings.
 */
export function effectivePriceOn(entries: readonly PriceEntry[], date: string): EffectivePrice | undefined {
  const ordered = [...entries].sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
  const index = ordered.findLastIndex((entry) => entry.effectiveFrom <= date);
  const entry = ordered[index];
  if (!entry) return undefined;
  const next = ordered[index + 1];
  return next ? { entry, effectiveUntil: next.effectiveFrom } : { entry };
}
