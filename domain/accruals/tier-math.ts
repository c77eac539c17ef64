/**
 * Tier arithmetic on exact integers. Volumes are integers of 1e-6, rate factors integers of 1e-8 (a fraction
 * of revenue, or currency per unit), amounts integers of 1e-14. Rates are usually ascending but nothing here
 * assumes it.
 */
export interface ScaledTier {
  /** Inclusive threshold, integer of 1e-6. */
  readonly from: bigint;
  /** Rate factor, integer of 1e-8. */
  readonly rate: bigint;
}

/** The volume of one band of a stepped calculation and what it earned. `to` is exclusive; null when open. */
export interface SteppedBand {
  readonly tierIndex: number;
  readonly from: bigint;
  readonly to: bigint | null;
  readonly volume: bigint;
  readonly rate: bigint;
  readonly amount: bigint;
}

/** The index of the highest tier whose threshold `volume` reaches, or -1 below the first tier. */
export function tierIndexReached(tiers: readonly ScaledTier[], volume: bigint): number {
  let reached = -1;
  tiers.forEach((tier, index) => {
    if (volume >= tier.from) reached = index;
  });
  return reached;
}

/**
 * The tier a holder is rated at: the one its volume reaches, but never below a prequalified starting tier
 * (-1 for none). Net returns (negative volume) are rated as the mirror image of a sale of the same size.
 */
export function tierIndexApplied(tiers: readonly ScaledTier[], volume: bigint, startingTier: number): number {
  const magnitude = volume < 0n ? -volume : volume;
  return Math.max(tierIndexReached(tiers, magnitude), startingTier);
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
 * The bands of a stepped calculation. With a prequalified starting tier k, everything below tier k+1's
 * threshold (including volume below the first threshold) is paid at tier k's rate.
 */
function bandsOf(
  tiers: readonly ScaledTier[],
  startingTier: number,
): Omit<SteppedBand, 'volume' | 'amount'>[] {
  const bands: Omit<SteppedBand, 'volume' | 'amount'>[] = [];
  const first = Math.max(startingTier, 0);
  tiers.forEach((tier, index) => {
    if (index < first) return;
    const from = index === startingTier ? 0n : tier.from;
    bands.push({ tierIndex: index, from, to: tiers[index + 1]?.from ?? null, rate: tier.rate });
  });
  return bands;
}

/**
 * Stepped tier rebate: each band's rate times the volume inside the band. Negative volume (net returns) is
 * the mirror image of the same positive volume. Returns the tier reached, the bands touched and the amount.
 */
export function steppedTierRebate(
  tiers: readonly ScaledTier[],
  volume: bigint,
  startingTier = -1,
): { readonly tierIndex: number; readonly amount: bigint; readonly bands: readonly SteppedBand[] } {
  const sign = volume < 0n ? -1n : 1n;
  const magnitude = volume * sign;
  const bands: SteppedBand[] = [];
  let amount = 0n;
  for (const band of bandsOf(tiers, startingTier)) {
    if (magnitude <= band.from) break;
    const top = band.to === null || magnitude < band.to ? magnitude : band.to;
    const inBand = (top - band.from) * sign;
    const bandAmount = inBand * band.rate;
    bands.push({ ...band, volume: inBand, amount: bandAmount });
    amount += bandAmount;
  }
  return { tierIndex: tierIndexApplied(tiers, volume, startingTier), amount, bands };
}
