import type { ItemKey, ListIndexKey } from './item-key';

/**
 * Price protection runs and their partner lines.
 *
 * | item              | pk                     | sk                          | gsi1pk                    | gsi1sk                  |
 * |-------------------|------------------------|-----------------------------|---------------------------|-------------------------|
 * | price protection run | PPRUN#<runId>       | RUN                         | PPRUNS                    | <createdAt>#<runId>     |
 * | price protection line | PPRUN#<runId>      | LINE#<partnerId>            | PPPARTNER#<p>             | <createdAt>#<runId>     |
 *
 * Access patterns (numbered across the table):
 * 60. a price protection run by id; runs oldest first           → GetItem PPRUN#<runId> RUN / Query gsi1 PPRUNS
 * 61. a run's partner lines                                      → Query pk PPRUN#<runId>, begins_with LINE#
 * 62. a partner's price protection lines, oldest first           → Query gsi1 PPPARTNER#<p>
 * 63. the run of a price entry (re-running finds it)            → GetItem PPRUN#<runId derived from list, sku, date>
 * 64. the line of a price protection claim (partner review)      → GetItem PPRUN#<claim's programId> LINE#<claim's partner>;
 *     the line's write is conditional on its version, so two reviews of one claim have one effect
 */

export const priceProtectionRunKey = (runId: string): ItemKey => ({ pk: `PPRUN#${runId}`, sk: 'RUN' });
export const priceProtectionRunsPartition = 'PPRUNS';
export const priceProtectionRunListKey = (createdAt: string, runId: string): ListIndexKey => ({
  gsi1pk: priceProtectionRunsPartition,
  gsi1sk: `${createdAt}#${runId}`,
});
export const priceProtectionLinePrefix = 'LINE#';
export const priceProtectionLineKey = (runId: string, partnerId: string): ItemKey => ({
  pk: priceProtectionRunKey(runId).pk,
  sk: `${priceProtectionLinePrefix}${partnerId}`,
});
export const partnerPriceProtectionPartition = (partnerId: string) => `PPPARTNER#${partnerId}`;
export const partnerPriceProtectionListKey = (
  partnerId: string,
  createdAt: string,
  runId: string,
): ListIndexKey => ({
  gsi1pk: partnerPriceProtectionPartition(partnerId),
  gsi1sk: `${createdAt}#${runId}`,
});
