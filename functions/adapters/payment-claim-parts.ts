import type { PaidClaim, PartnerPayment } from '../../domain/payments/payment-batch';
import { itemKeyId } from './dynamo-batch';
import { paymentClaimsPartKey } from './table-keys/payments';

type Item = Record<string, unknown>;

/**
 * JSON bytes of claims one item holds at most: a partner with thousands of claims in one batch would pass
 * DynamoDB's 400 KB item limit, so its payment keeps its claims in parts of this size beside it.
 */
const partBytes = 300_000;
const partType = 'PartnerPaymentClaims';

/** The claims cut, in order, into parts of at most `partBytes` (one part for the usual payment). */
function claimParts(claims: readonly PaidClaim[]): PaidClaim[][] {
  const parts: PaidClaim[][] = [[]];
  let bytes = 0;
  for (const claim of claims) {
    const size = JSON.stringify(claim).length;
    const part = parts.at(-1) ?? [];
    if (part.length > 0 && bytes + size > partBytes) {
      parts.push([claim]);
      bytes = size;
    } else {
      part.push(claim);
      bytes += size;
    }
  }
  return parts;
}

/**
 * The items that store a payment: the payment itself (`payment` is its item without the claims, keyed by
 * the caller), with its claims inline when they fit, else `claimParts` = n and n part items.
 */
export function paymentWithClaimItems(payment: PartnerPayment, paymentItem: Item): Item[] {
  const parts = claimParts(payment.claims);
  if (parts.length === 1) return [paymentItem];
  return [
    { ...paymentItem, claims: [], claimParts: parts.length },
    ...parts.map((claims, part) => ({ ...paymentClaimsPartKey(payment, part), type: partType, claims })),
  ];
}

/** The keys of a payment's part items (none when its claims are inline). */
export const claimPartKeys = (payment: Item) =>
  Array.from({ length: Number(payment.claimParts ?? 0) }, (_, part) =>
    paymentClaimsPartKey(payment as unknown as PartnerPayment, part),
  );

/** The stored payment with its claims put back in order from `partItems` (by item key id); the count removed. */
export function withClaimsFromParts(payment: Item, partItems: ReadonlyMap<string, Item>): Item {
  if (payment.claimParts === undefined) return payment;
  const { claimParts: _count, ...rest } = payment;
  const claims = claimPartKeys(payment).flatMap((key) => {
    const part = partItems.get(itemKeyId(key));
    if (part === undefined)
      throw new Error(`Payment ${String(payment.paymentId)} lacks its claims part ${key.sk}`);
    return part.claims as PaidClaim[];
  });
  return { ...rest, claims };
}

export const isClaimsPart = (item: Item) => item.type === partType;
