import { z } from 'zod';
import type { Stored } from '../master-data/ports';
import { businessCodeSchema, countryCodeSchema, nameSchema } from '../shared/codes';
import { currencyCodeSchema } from '../shared/money';

/** How a partner sits in the manufacturer's channel. */
export const partnerTypeSchema = z.enum(['distributor', 'reseller', 'dealer', 'buying_group', 'oem']);
export const partnerStatusSchema = z.enum(['active', 'on_hold', 'inactive']);

/** An address a partner bills to or ships to; POS lines and rebate rules refer to sites by `siteId`. */
export const partnerSiteSchema = z.object({
  siteId: businessCodeSchema,
  kind: z.enum(['bill_to', 'ship_to']),
  name: nameSchema,
  line1: nameSchema,
  city: nameSchema,
  region: z.string().trim().max(100).optional(),
  postalCode: z.string().trim().max(20).optional(),
  country: countryCodeSchema,
});

/** The fields a channel manager maintains for a partner (everything but its id and bookkeeping). */
export const partnerDetailsSchema = z
  .object({
    name: nameSchema,
    partnerType: partnerTypeSchema,
    parentPartnerId: businessCodeSchema.optional(),
    region: z.string().trim().min(1).max(50),
    country: countryCodeSchema,
    currency: currencyCodeSchema,
    status: partnerStatusSchema.default('active'),
    sites: z.array(partnerSiteSchema).max(500).default([]),
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

export const newPartnerSchema = z.object({ partnerId: businessCodeSchema }).and(partnerDetailsSchema);

export type PartnerDetails = z.infer<typeof partnerDetailsSchema>;
export type PartnerData = PartnerDetails & { readonly partnerId: string };
export type Partner = Stored<PartnerData>;
