import { z } from 'zod';
import {
  batchStatuses,
  type ExcludedClaims,
  type PartnerPayment,
  type PaymentBatch,
  type PaymentBatchHeader,
  paymentMethods,
  paymentStatuses,
} from '../../domain/payments/payment-batch';
import { currencyCodeSchema } from '../../domain/shared/money/money';
import { storedRecord } from './dynamo-record-store';
import { itemWithParts, type ListInParts, partBytes, withListFromParts } from './list-parts';
import { checkedFields } from './read-back';
import {
  partnerPaymentKeys,
  paymentBatchHeaderKeys,
  paymentClaimsPartKey,
  paymentExcludedPartKey,
} from './table-keys/payments';

type Item = Record<string, unknown>;

export const headerType = 'PaymentBatch';
export const paymentType = 'PartnerPayment';

/** A payment's claims, in parts beside it when a partner has thousands in one batch. */
export const paymentClaims: ListInParts = {
  field: 'claims',
  partType: 'PartnerPaymentClaims',
  partKey: (item, part) =>
    paymentClaimsPartKey({ batchId: String(item.batchId), partnerId: String(item.partnerId) }, part),
};

/** A header's exclusions, in parts beside it when thousands of claims were left out. */
export const batchExclusions: ListInParts = {
  field: 'excluded',
  partType: 'PaymentBatchExclusions',
  partKey: (item, part) => paymentExcludedPartKey(String(item.batchId), part),
};

/** Claim ids of one exclusion a part holds at most (about 70 KB), so no exclusion outgrows its part. */
const claimIdsPerPiece = 2_000;

/** Read-back checks: what a header and a payment are listed, paid and changed by; the rest kept as written. */
const headerSchema = checkedFields<PaymentBatchHeader>()({
  batchId: z.string().min(1),
  currency: currencyCodeSchema,
  method: z.enum(paymentMethods),
  status: z.enum(batchStatuses),
  total: z.string(),
  createdAt: z.string().min(1),
  version: z.number().int().positive(),
  excluded: z.array(
    checkedFields<ExcludedClaims>()({ partnerId: z.string().min(1), claimIds: z.array(z.string()) }),
  ),
});
const paymentSchema = checkedFields<PartnerPayment>()({
  paymentId: z.string().min(1),
  batchId: z.string().min(1),
  partnerId: z.string().min(1),
  amount: z.string(),
  claims: z.array(checkedFields<PartnerPayment['claims'][number]>()({ claimId: z.string().min(1) })),
  status: z.enum(paymentStatuses),
  version: z.number().int().positive(),
});

/** Every payment's item, with the parts of its claims when they would not fit in it. */
export function paymentItems(batch: PaymentBatch): Item[] {
  return batch.payments.flatMap((payment) =>
    itemWithParts(
      { ...payment, ...partnerPaymentKeys(payment, batch.createdAt), type: paymentType },
      paymentClaims,
    ),
  );
}

/**
 * The header's item, with its exclusions in parts when they would not fit in it; an exclusion of more claims
 * than a part holds is cut into pieces of the same partner and reason, joined again by `headerOf`.
 */
export function headerItems(header: PaymentBatchHeader): Item[] {
  const item = { ...header, ...paymentBatchHeaderKeys(header), type: headerType };
  if (JSON.stringify(header.excluded).length <= partBytes) return [item];
  const pieces = header.excluded.flatMap((exclusion) =>
    Array.from({ length: Math.ceil(exclusion.claimIds.length / claimIdsPerPiece) }, (_, piece) => ({
      ...exclusion,
      claimIds: exclusion.claimIds.slice(piece * claimIdsPerPiece, (piece + 1) * claimIdsPerPiece),
    })),
  );
  return itemWithParts({ ...item, excluded: pieces }, batchExclusions);
}

/** A stored header with its exclusions read back from `parts` (pieces of one exclusion joined again). */
export function headerOfItem(item: Item, parts: ReadonlyMap<string, Item>): PaymentBatchHeader {
  if (item.excludedParts === undefined) return storedRecord(headerSchema, item);
  const header = storedRecord(headerSchema, withListFromParts(item, batchExclusions, parts));
  const joined: ExcludedClaims[] = [];
  for (const piece of header.excluded) {
    const last = joined.at(-1);
    if (last?.partnerId === piece.partnerId && last.reason === piece.reason) {
      joined[joined.length - 1] = { ...last, claimIds: [...last.claimIds, ...piece.claimIds] };
    } else joined.push(piece);
  }
  return { ...header, excluded: joined };
}

/** A stored payment with its claims read back from `parts`. */
export const paymentOfItem = (item: Item, parts: ReadonlyMap<string, Item>): PartnerPayment =>
  storedRecord(paymentSchema, withListFromParts(item, paymentClaims, parts));
