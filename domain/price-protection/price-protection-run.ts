import { z } from 'zod';
import type { ClaimActor } from '../claims/claim';
import { businessCodeSchema } from '../shared/codes';
import { fnv1a64 } from '../shared/fingerprint';
import { isoDateSchema } from '../shared/iso-date';
import type { CurrencyCode } from '../shared/money/money';
import type { PartnerProtection, PriceChangeDirection } from './partner-protection';
import { priceProtectionTermSchema } from './price-protection-term';
import type { RecoveryOffset } from './recovery-offsets';

/** At most this many partners per run: one request computes and stores each partner's line. */
export const maxRunPartners = 100;

/** What a channel manager starts: protection of one price entry for the partners named, under a term. */
export const priceProtectionRunRequestSchema = z
  .object({
    priceListId: businessCodeSchema.describe('Price list of the entry'),
    sku: businessCodeSchema.describe('Product of the entry'),
    effectiveFrom: isoDateSchema.describe('Start date of the entry whose price change is protected'),
    partnerIds: z
      .array(businessCodeSchema)
      .min(1)
      .max(maxRunPartners)
      .refine((ids) => new Set(ids).size === ids.length, 'must not name a partner twice')
      .describe(`Partners the term covers, 1 to ${maxRunPartners}`),
    term: priceProtectionTermSchema.describe('The price protection term applied'),
  })
  .strict();
export type PriceProtectionRunRequest = z.output<typeof priceProtectionRunRequestSchema>;

/**
 * What a run concluded for the change: `claimsGenerated` for a protected decrease, `belowMinimum` for a
 * smaller one, `increaseNoClaim` for an increase (no claim), `recoveryComputed` for an increase the term
 * recovers (lines carry the recovery, still no claim), `unchanged` when the cost did not move.
 */
export type RunOutcome =
  | 'claimsGenerated'
  | 'belowMinimum'
  | 'increaseNoClaim'
  | 'recoveryComputed'
  | 'unchanged';

/** One run per price entry: re-running the same entry finds it and completes what is missing. */
export interface PriceProtectionRun {
  readonly runId: string;
  readonly request: PriceProtectionRunRequest;
  readonly currency: CurrencyCode;
  readonly oldUnitCost: string;
  readonly newUnitCost: string;
  readonly direction: PriceChangeDirection;
  readonly changePercent: string;
  readonly outcome: RunOutcome;
  readonly status: 'running' | 'completed';
  /** Σ the generated claims' amounts (decimal string, run currency). */
  readonly totalClaimed: string;
  readonly claimCount: number;
  readonly createdBy: ClaimActor;
  readonly createdAt: string;
  readonly completedAt?: string;
}

/**
 * Where one partner stands in a run: `awaitingPartner` (claim generated, the partner reviews it) →
 * `accepted` or `disputed` (the claim then goes through approval; a dispute to a person);
 * `nothingToProtect` (no stock bought at the old price, or no snapshot); `recovery` (an increase the term
 * recovers: the negative amount is owed by the partner, no claim; open until a later claim of the partner
 * sets it against what it pays, `offsetByClaimId`).
 */
export type PartnerLineStatus = 'awaitingPartner' | 'accepted' | 'disputed' | 'nothingToProtect' | 'recovery';

export interface PartnerDispute {
  readonly reason: string;
  readonly by: ClaimActor;
  readonly at: string;
}

/** A rejected claim that had taken a recovery, and when the recovery was opened again. */
export interface RecoveryReopening {
  readonly claimId: string;
  readonly offsetAt: string;
  readonly reopenedAt: string;
}

/** One partner's line of a run: the figures it was computed from and the claim it generated. */
export interface PriceProtectionLine {
  readonly runId: string;
  readonly partnerId: string;
  readonly status: PartnerLineStatus;
  /** Absent when the partner reported no snapshot on or before the change. */
  readonly protection?: PartnerProtection;
  readonly claimId?: string;
  readonly dispute?: PartnerDispute;
  /** Open recoveries of earlier runs the claim sets against: it pays their sum less than `protection.amount`. */
  readonly recoveryOffsets?: readonly RecoveryOffset[];
  /** A `recovery` line taken back by that claim of the partner (absent while the recovery is open). */
  readonly offsetByClaimId?: string;
  readonly offsetAt?: string;
  /** Claims that took this recovery and were then rejected: each time it became open again (`reopenRecoveries`). */
  readonly reopenings?: readonly RecoveryReopening[];
  readonly createdAt: string;
  readonly version: number;
}

/** The run of a price entry: derived from the entry, so a second run of it is the same run. */
export const priceProtectionRunId = (priceListId: string, sku: string, effectiveFrom: string) =>
  `PPR-${fnv1a64(JSON.stringify([priceListId, sku, effectiveFrom])).toUpperCase()}`;

/** How every price protection claim id begins (an event rule picks their decisions by it). */
export const priceProtectionClaimIdPrefix = 'CLM-PP';

/** The claim of one partner for one price entry: derived, so no re-run can create a twin. */
export const priceProtectionClaimId = (runId: string, partnerId: string) =>
  `${priceProtectionClaimIdPrefix}${fnv1a64(JSON.stringify([runId, partnerId])).toUpperCase()}`;
