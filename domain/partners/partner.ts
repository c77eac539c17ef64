import { z } from 'zod';
import { businessCodeSchema, countryCodeSchema, nameSchema } from '../shared/codes';
import { currencyCodeSchema } from '../shared/money/money';
import type { Stored } from '../shared/ports';
import { remittanceDetailsSchema } from './remittance-details';

/** How a partner sits in the manufacturer's channel. */
export const partnerTypeSchema = z.enum(['distributor', 'reseller', 'dealer', 'buying_group', 'oem']);
export const partnerStatusSchema = z.enum(['active', 'on_hold', 'inactive']);

/** An address a partner bills to or ships to; POS lines and rebate rules refer to sites by `siteId`. */
export const partnerSiteSchema = z.object({
  siteId: businessCodeSchema.describe(
    'Site code, unique within the partner; POS bill-to/ship-to refer to it',
  ),
  kind: z.enum(['bill_to', 'ship_to']).describe('`bill_to`: invoiced address; `ship_to`: delivery address'),
  name: nameSchema.describe('Site name'),
  line1: nameSchema.describe('Street address'),
  city: nameSchema.describe('City'),
  region: z.string().trim().max(100).optional().describe('State or province'),
  postalCode: z.string().trim().max(20).optional().describe('Postal code'),
  country: countryCodeSchema.describe('ISO 3166-1 alpha-2 country, e.g. US'),
});

/** The fields a channel manager maintains for a partner (everything but its id and bookkeeping). */
export const partnerDetailsSchema = z
  .object({
    name: nameSchema.describe('Legal or trading name'),
    partnerType: partnerTypeSchema.describe(
      'Place in the channel: distributor, reseller, dealer, buying_group or oem',
    ),
    parentPartnerId: businessCodeSchema
      .optional()
      .describe('The partner above it in the channel (e.g. the distributor a reseller buys from); no cycles'),
    region: z.string().trim().min(1).max(50).describe('Sales region code, e.g. US-WEST'),
    segment: businessCodeSchema
      .optional()
      .describe(
        'Market segment the partner serves, a code such as ENTERPRISE or SMB (performance reports group by it)',
      ),
    country: countryCodeSchema.describe('ISO 3166-1 alpha-2 country of the head office'),
    currency: currencyCodeSchema.describe('ISO 4217 currency the partner reports and is paid in'),
    status: partnerStatusSchema
      .default('active')
      .describe('`active`; `on_hold`: files accepted, payments held; `inactive`: no longer trading'),
    sites: z
      .array(partnerSiteSchema)
      .max(500)
      .default([])
      .describe('Bill-to and ship-to addresses (at most 500)'),
    remittance: remittanceDetailsSchema
      .optional()
      .describe(
        'Bank details bank-transfer payments go to; without them a partner is left out of such batches',
      ),
  })
  .superRefine((partner, ctx) => {
    const seen = new Set<string>();
    partner.sites.forEach((site, index) => {
      if (seen.has(site.siteId)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sites', index, 'siteId'],
          message: `duplicate site id '${site.siteId}'`,
        });
      }
      seen.add(site.siteId);
    });
  });

export const newPartnerSchema = z
  .object({
    partnerId: businessCodeSchema.describe('Partner code, chosen by the manufacturer (A-Z, 0-9, . _ -)'),
  })
  .and(partnerDetailsSchema);

export type PartnerDetails = z.infer<typeof partnerDetailsSchema>;
export type PartnerData = PartnerDetails & { readonly partnerId: string };
export type Partner = Stored<PartnerData>;
