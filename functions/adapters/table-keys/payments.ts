import type { ItemKey } from './item-key';

/**
 * Payment batches and the partner payments in them.
 *
 * | item              | pk                     | sk                          | gsi1pk                    | gsi1sk                  |
 * |-------------------|------------------------|-----------------------------|---------------------------|-------------------------|
 * | payment batch     | PAYBATCH#<batchId>     | HEADER                      | PAYBATCHES                | <createdAt>#<batchId>   |
 * | partner payment   | PAYBATCH#<batchId>     | PAYMENT#<partnerId>         | PARTNERPAYMENTS#<p>       | <createdAt>#<batchId>   |
 * | payment claims part | PAYBATCH#<batchId>   | PAYCLAIMS#<partnerId>#<part, 4 digits> (a payment's claims when too many for its item) | | |
 * | excluded claims part | PAYBATCH#<batchId>  | PAYEXCLUDED#<part, 4 digits> (the header's exclusions when too many for it) | | |
 *
 * Payment batch headers also carry gsi2 = PAYBATCHES#<status> / <createdAt>#<batchId> (batches of one status).
 *
 * Access patterns (numbered across the table):
 * 28. a payment batch with its payments; batches newest first, optionally of one status
 *                                                               → Query pk PAYBATCH#<id> / gsi1 PAYBATCHES / gsi2 PAYBATCHES#<status>
 * 29. a partner's payments across batches, newest first        → Query gsi1 PARTNERPAYMENTS#<p>
 */

export const paymentBatchPartition = (batchId: string) => `PAYBATCH#${batchId}`;
export const paymentBatchHeaderKeys = (batch: {
  readonly batchId: string;
  readonly status: string;
  readonly createdAt: string;
}) => ({
  pk: paymentBatchPartition(batch.batchId),
  sk: 'HEADER',
  gsi1pk: 'PAYBATCHES',
  gsi1sk: `${batch.createdAt}#${batch.batchId}`,
  gsi2pk: paymentBatchesOfStatus(batch.status),
  gsi2sk: `${batch.createdAt}#${batch.batchId}`,
});
export const paymentBatchesPartition = 'PAYBATCHES';
export const paymentBatchesOfStatus = (status: string) => `PAYBATCHES#${status}`;
export const partnerPaymentKeys = (
  payment: { readonly batchId: string; readonly partnerId: string },
  createdAt: string,
) => ({
  pk: paymentBatchPartition(payment.batchId),
  sk: `PAYMENT#${payment.partnerId}`,
  gsi1pk: partnerPaymentsPartition(payment.partnerId),
  gsi1sk: `${createdAt}#${payment.batchId}`,
});
export const partnerPaymentsPartition = (partnerId: string) => `PARTNERPAYMENTS#${partnerId}`;

// A payment whose claims, or a header whose exclusions, would pass DynamoDB's 400 KB item limit keeps them in
// parts beside it (see list-parts.ts).
export const paymentClaimsPartKey = (
  payment: { readonly batchId: string; readonly partnerId: string },
  part: number,
): ItemKey => ({
  pk: paymentBatchPartition(payment.batchId),
  sk: `PAYCLAIMS#${payment.partnerId}#${String(part).padStart(4, '0')}`,
});
export const paymentExcludedPartKey = (batchId: string, part: number): ItemKey => ({
  pk: paymentBatchPartition(batchId),
  sk: `PAYEXCLUDED#${String(part).padStart(4, '0')}`,
});
