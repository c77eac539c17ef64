import { z } from 'zod';
import { businessCodeSchema } from '../shared/codes';
import { isoDateSchema } from '../shared/iso-date';
import { currencyCodeSchema } from '../shared/money/money';
import { maxAuthorizedQuantity } from './debit-authorization';
import { maxShipAndDebitClaimLines } from './ship-and-debit-claim';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);
const decimal = z.string().regex(/^\d{1,12}(\.\d{1,6})?$/, 'must be a non-negative decimal, e.g. "21.75"');

/** The partner's own claim number (its debit memo number): unique per partner, so a resent claim is found. */
export const claimNumberSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._/-]{0,39}$/, 'must be 1-40 letters, digits, ".", "_", "/" or "-"');

/** A ship & debit claim sent as JSON: one line per resale, as an 844 PAD loop or CSV row carries it. */
export const shipAndDebitClaimJsonSchema = z.object({
  partnerId: businessCodeSchema.optional().describe('Required when a channel manager submits'),
  claimNumber: claimNumberSchema,
  currency: currencyCodeSchema,
  lines: z
    .array(
      z.object({
        authorizationNumber: text(40),
        invoiceNumber: text(40),
        invoiceLine: text(20).exactOptional(),
        shipDate: isoDateSchema,
        endCustomerId: text(40),
        productSku: text(40),
        quantity: z.number().int().min(1).max(maxAuthorizedQuantity),
        bookCost: decimal,
        authorizedCost: decimal,
        resalePrice: decimal.exactOptional(),
        amount: decimal,
      }),
    )
    .min(1)
    .max(maxShipAndDebitClaimLines),
});
export type ShipAndDebitClaimJson = z.infer<typeof shipAndDebitClaimJsonSchema>;
