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
  claimNumber: claimNumberSchema.describe('The partner’s claim (debit memo) number, unique per partner'),
  currency: currencyCodeSchema.describe('ISO 4217 currency of every price and amount'),
  lines: z
    .array(
      z.object({
        authorizationNumber: text(40)
          .exactOptional()
          .describe(
            'Authorization (contract) number the resale is claimed under; left out, the claim matches one (named end customer before blanket)',
          ),
        invoiceNumber: text(40).describe('The partner’s invoice to the end customer'),
        invoiceLine: text(20).exactOptional().describe('Line of that invoice'),
        shipDate: isoDateSchema.describe('Day the units shipped to the end customer'),
        endCustomerId: text(40).describe('End customer, as in the partner’s POS data'),
        productSku: text(40).describe('Product (our SKU)'),
        quantity: z.number().int().min(1).max(maxAuthorizedQuantity).describe('Units resold'),
        bookCost: decimal.describe('Book cost per unit claimed against'),
        authorizedCost: decimal.describe('Net cost per unit the authorization grants'),
        resalePrice: decimal.exactOptional().describe('Unit resale price to the end customer'),
        amount: decimal.describe('Credit claimed for the line'),
      }),
    )
    .min(1)
    .max(maxShipAndDebitClaimLines)
    .describe('One line per resale'),
});
export type ShipAndDebitClaimJson = z.infer<typeof shipAndDebitClaimJsonSchema>;
