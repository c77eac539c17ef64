import type { IsoDate } from '../shared/iso-date';
import { hashOf } from './key-filter';

/**
 * One line of a ship & debit claim, from an 844 PAD loop or a CSV row: one resale to an end customer under
 * an authorization. Prices and amounts are decimal strings in the claim's currency; quantity is whole units.
 */
export interface DebitClaimLine {
  /** 1-based position in the claim (844 PAD01). */
  readonly lineNumber: number;
  readonly authorizationNumber: string;
  readonly invoiceNumber: string;
  /** The invoice line when the partner sends one; without it a line is identified by invoice and product. */
  readonly invoiceLine?: string;
  readonly shipDate: IsoDate;
  readonly endCustomerId: string;
  readonly productSku: string;
  readonly quantity: number;
  /** Book cost per unit the partner claims against (844 UIT … DI). */
  readonly bookCost: string;
  /** Net cost per unit the partner claims the authorization grants (844 UIT … CT). */
  readonly authorizedCost: string;
  /** Unit resale price to the end customer, when sent (checked against the resale ceiling). */
  readonly resalePrice?: string;
  /** Credit claimed for the line (844 AMT*1). */
  readonly amount: string;
}

/** The key that makes an invoice line unique across claims: a second claim on it is a duplicate (901 code 28). */
export const invoiceLineKey = (
  line: Pick<DebitClaimLine, 'invoiceNumber' | 'invoiceLine' | 'productSku'>,
): string =>
  line.invoiceLine === undefined
    ? `${line.invoiceNumber}\u0000sku\u0000${line.productSku}`
    : `${line.invoiceNumber}\u0000line\u0000${line.invoiceLine}`;

/** `hashOf(invoiceLineKey(line))`, from the parts: no key string is built. */
export const invoiceLineKeyHash = (
  line: Pick<DebitClaimLine, 'invoiceNumber' | 'invoiceLine' | 'productSku'>,
): number =>
  line.invoiceLine === undefined
    ? hashOf(line.productSku, hashOf('\u0000sku\u0000', hashOf(line.invoiceNumber)))
    : hashOf(line.invoiceLine, hashOf('\u0000line\u0000', hashOf(line.invoiceNumber)));
