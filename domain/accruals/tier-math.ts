/**
 * Tier arithmetic on exact integers. Volumes are integers of 1e-6, rate factors integers of 1e-8 (a fraction
 * of revenue, or currency per unit), amounts integers of 1e-14. Rates are usually ascending but nothing here
 * assumes it.
 *
 * What a threshold means (README, "Tier semantics"): a tier is reached when the volume is at least its `from`,
 * in both methods. On a continuous basis (revenue, growth) a stepped band is `[from, next from)`. Quantity
 * tiers count units: `from: 10` is "units 10 and up", so its band holds the 10th unit onwards, i.e. the volume
 * above 9 units; the band starts one unit below the threshold.
 */
export interface ScaledTier {
  /** Inclusive threshold at which the tier is reached, integer of 1e-6. */
  readonly from: bigint;
  /** Where the tier's stepped band starts, integer of 1e-6: `from`, or `from` − 1 unit for counted units. */
  readonly bandStart: bigint;
  /** Rate factor, integer of 1e-8. */
  readonly rate: bigint;
}

/** One unit at 1e-6. */
const oneUnit = 1_000_000n;

/**
 * A tier at threshold `from` (1e-6) and rate factor `rate` (1e-8). `countsUnits`: the threshold is the
 * ordinal of the first unit at this rate (quantity tiers of volume programs), not a continuous amount.
 */
export function scaledTier(from: bigint, rate: bigint, countsUnits: boolean): ScaledTier {
  if (!countsUnits) return { from, bandStart: from, rate };
  return { from, bandStart: from > oneUnit ? from - oneUnit : 0n, rate };
}

/** The volume of one band of a stepped calculation and what it earned. `to` is exclusive; null when open. */
export interface SteppedBand {
  readonly tierIndex: number;
  /** The band's thresholds as written in the tier table (0 for a prequalified tier's band). */
  readonly from: bigint;
  readonly to: bigint | null;
  readonly volume: bigint;
  readonly rate: bigint;
  readonly amount: bigint;
}

/**
 * The one tier decision: the index of the highest tier whose threshold `value` reaches, but never below
 * `startingTier` (a prequalified tier, -1 for none; -1 when nothing is reached). Generic so that the engine's
 * number path and the BigInt reference decide with the same code. Rating passes a volume's magnitude (net
 * returns mirror sales); growth passes its difference or percentage as is.
 */
export function tierIndexReached<T extends bigint | number>(
  tiers: readonly { readonly from: T }[],
  value: T,
  startingTier = -1,
): number {
  for (let at = tiers.length - 1; at > startingTier; at--) {
    if (value >= (tiers[at] as { readonly from: T }).from) return at;
  }
  return startingTier;
}

/**
 * The tier a holder is rated at: the one its volume reaches, but never below a prequalified starting tier
 * (-1 for none). Net returns (negative volume) are rated as the mirror image of a sale of the same size.
 */
export function tierIndexApplied(tiers: readonly ScaledTier[], volume: bigint, startingTier: number): number {
  return tierIndexReached(tiers, volume < 0n ? -volume : volume, startingTier);
}

/**
 * Retrospective tier rebate: the applied tier's rate times all the volume. Returns the tier index (-1 when
 * none is reached) and the amount at 1e-14.
 */
export function retrospectiveTierRebate(
  tiers: readonly ScaledTier[],
  volume: bigint,
  startingTier = -1,
): { readonly tierIndex: number; readonly amount: bigint } {
  const tierIndex = tierIndexApplied(tiers, volume, startingTier);
  const rate = tiers[tierIndex]?.rate ?? 0n;
  return { tierIndex, amount: volume * rate };
}

/**
 * Stepped tier rebate: each band's rate times the volume inside the band, up to the tier reached; the volume
 * above the reached tier's band start stays at its rate (a fraction of a unit earns the next tier's rate only
 * once the unit is complete, so stepped never pays a tier retrospective has not reached). With a prequalified
 * starting tier k, everything below tier k+1 (including volume below the first threshold) is paid at tier k's
 * rate. Negative volume (net returns) is the mirror image of the same positive volume.
 */
export function steppedTierRebate(
  tiers: readonly ScaledTier[],
  volume: bigint,
  startingTier = -1,
): { readonly tierIndex: number; readonly amount: bigint; readonly bands: readonly SteppedBand[] } {
  const sign = volume < 0n ? -1n : 1n;
  const magnitude = volume * sign;
  const tierIndex = tierIndexReached(tiers, magnitude, startingTier);
  const bands: SteppedBand[] = [];
  let amount = 0n;
  for (let index = Math.max(startingTier, 0); index <= tierIndex && index < tiers.length; index++) {
    const tier = tiers[index] as ScaledTier;
    const next = tiers[index + 1];
    const start = index === startingTier ? 0n : tier.bandStart;
    const top = index === tierIndex || next === undefined ? magnitude : next.bandStart;
    if (top <= start) continue;
    const inBand = (top - start) * sign;
    const bandAmount = inBand * tier.rate;
    const from = index === startingTier ? 0n : tier.from;
    bands.push({
      tierIndex: index,
      from,
      to: next?.from ?? null,
      volume: inBand,
      rate: tier.rate,
      amount: bandAmount,
    });
    amount += bandAmount;
  }
  return { tierIndex, amount, bands };
}
