import { shardOf } from './channel-lines';
import type { ItemKey } from './item-key';

/**
 * Reports: what accrual runs precompute (sales summaries, near-tier alerts) so no report reads channel lines, and
 * the liability summaries every ledger transaction keeps so the liabilities report reads no postings.
 *
 * | item              | pk                     | sk                          | gsi1pk                    | gsi1sk                  |
 * |-------------------|------------------------|-----------------------------|---------------------------|-------------------------|
 * | sales summary (reports) | REPORTSALES#<yyyy-mm> | PARTNER#<partnerId> (cells: category × currency; units per SKU) |    |                         |
 * | near-tier alert   | NEARTIER#<programId>#<period> | PARTNER#<p>          | NEARTIERPARTNER#<p>       | <programId>#<period>    |
 * | liability summary | LIABILITIES (shard 0), LIABILITIES#<shard> (1–7; shard: hash of sk) | <programId>#<beneficiary>#<period>#<currency> (earned, adjustments, claimed, paid in minor units) | LIABILITYPARTNER#<beneficiary> | <programId>#<period>#<currency> |
 *
 * Access patterns (numbered across the table):
 * 70. a month's sales summaries (reports), every partner's or one → Query pk REPORTSALES#<yyyy-mm> / GetItem
 *     PARTNER#<p>; an accrual run replaces a month's summaries whole from the lines it read
 * 71. a program period's near-tier alerts (a run replaces them) → Query pk NEARTIER#<programId>#<period>
 * 72. near-tier alerts of a partner / of everyone, optionally of one program
 *                                                               → Query gsi1 NEARTIERPARTNER#<p> / gsi2 NEARTIERS, begins_with <programId>#
 * 73. open liabilities of every partner / of one, optionally of one program (reports)
 *                                                               → Query each shard's pk / gsi1 LIABILITYPARTNER#<p>, begins_with <programId>#;
 *     every ledger transaction ADDs its postings to their summaries (never overwritten, so never lost); a
 *     grain's summary is the sum of its items (its shard's, and one in shard 0 from before the shards)
 */

export const salesSummaryPartition = (month: string) => `REPORTSALES#${month}`;
export const salesSummaryKey = (month: string, partnerId: string): ItemKey => ({
  pk: salesSummaryPartition(month),
  sk: `PARTNER#${partnerId}`,
});
// Near-tier alerts: the latest per program period and partner (also gsi2 = NEARTIERS /
// <programId>#<period>#<p>, the staff listing); the partition holds one program period's alerts.
export const nearTierPeriodPartition = (programId: string, period: string) =>
  `NEARTIER#${programId}#${period}`;
export const nearTierAlertKey = (programId: string, period: string, partnerId: string): ItemKey => ({
  pk: nearTierPeriodPartition(programId, period),
  sk: `PARTNER#${partnerId}`,
});
export const partnerNearTierPartition = (partnerId: string) => `NEARTIERPARTNER#${partnerId}`;
export const nearTierAlertsPartition = 'NEARTIERS';
export const nearTierAlertIndexKeys = (alert: {
  readonly programId: string;
  readonly period: string;
  readonly partnerId: string;
}) => ({
  gsi1pk: partnerNearTierPartition(alert.partnerId),
  gsi1sk: `${alert.programId}#${alert.period}`,
  gsi2pk: nearTierAlertsPartition,
  gsi2sk: `${alert.programId}#${alert.period}#${alert.partnerId}`,
});
/** The index sort key prefix of one program's alerts, in either listing. */
export const nearTierProgramPrefix = (programId: string) => `${programId}#`;

// Liability summaries (issue 15): the checkbook's columns per program × beneficiary × period × currency, kept
// by every ledger transaction, so the liabilities report reads one Query instead of every partner's postings.
export const allLiabilitiesPartition = 'LIABILITIES';
export const partnerLiabilitiesPartition = (partnerId: string) => `LIABILITYPARTNER#${partnerId}`;
/** What a liability summary is kept per: program, beneficiary, period and currency. */
interface LiabilityGrainParts {
  readonly programId: string;
  readonly partnerId: string;
  readonly period: string;
  readonly currency: string;
}
export const liabilitySummaryKeys = (grain: LiabilityGrainParts) => ({
  pk: liabilityShardPartition(liabilityShardOf(grain)),
  sk: liabilityGrainSortKey(grain),
  gsi1pk: partnerLiabilitiesPartition(grain.partnerId),
  gsi1sk: `${grain.programId}#${grain.period}#${grain.currency}`,
});
// Liability summaries in shards: every ledger transaction (every claim's settlement among them) adds to them,
// so one partition would cap the whole system's postings at one partition's writes. A grain keeps one shard
// (a hash of its sort key): its summary stays one item, whose writes the grain's fund items see anyway. Shard
// 0 is the partition of before; a grain summarized there before the shards may have a second item in its own
// shard, so reads add a grain's items together.
export const liabilityShards = 8;
export const liabilityShardPartition = (shard: number) =>
  shard === 0 ? allLiabilitiesPartition : `${allLiabilitiesPartition}#${shard}`;
const liabilityGrainSortKey = (grain: LiabilityGrainParts) =>
  `${grain.programId}#${grain.partnerId}#${grain.period}#${grain.currency}`;
const liabilityShardOf = (grain: LiabilityGrainParts) =>
  shardOf(liabilityGrainSortKey(grain), liabilityShards);
