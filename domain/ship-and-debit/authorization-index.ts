import { parsePrice, type ScaledPricing, scalePricing } from './debit-amount';
import type { DebitAuthorization, DebitAuthorizationLine } from './debit-authorization';

/** An authorization line with its figures parsed once. */
export interface IndexedAuthorizationLine {
  readonly line: DebitAuthorizationLine;
  readonly pricing: ScaledPricing;
  /** Resale ceiling at 1e-6, when the line sets one. */
  readonly resaleCeiling: bigint | undefined;
  /** Its position among all lines of its index (0, 1, …): claim validation keeps per-line state in an array by it. */
  readonly slot: number;
}

export interface IndexedAuthorization {
  readonly authorization: DebitAuthorization;
  readonly lines: ReadonlyMap<string, IndexedAuthorizationLine>;
}

/** The key of one authorization line's remaining quantity. */
export const authorizationLineKey = (authorizationNumber: string, productSku: string): string =>
  `${authorizationNumber}\u0000${productSku}`;

/** Authorizations by number, their lines by product: built once per claim file, looked up per line. */
export function indexAuthorizations(
  authorizations: Iterable<DebitAuthorization>,
): ReadonlyMap<string, IndexedAuthorization> {
  const index = new Map<string, IndexedAuthorization>();
  let slot = 0;
  for (const authorization of authorizations) {
    const lines = new Map<string, IndexedAuthorizationLine>();
    for (const line of authorization.lines) {
      lines.set(line.productSku, {
        line,
        pricing: scalePricing(line.pricing),
        resaleCeiling: line.resaleCeiling === undefined ? undefined : parsePrice(line.resaleCeiling),
        slot: slot++,
      });
    }
    index.set(authorization.authorizationNumber, { authorization, lines });
  }
  return index;
}
