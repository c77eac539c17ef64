import { z } from 'zod';
import { businessCodeSchema } from '../../domain/shared/codes';
import { partnerNearTierV1 } from '../../events/partner-near-tier.v1';
import { partnerScopedPageQuerySchema } from './api-schemas';

/** `GET /near-tier-alerts`: a page, optionally of one program and (staff) one partner. */
export const nearTierAlertQuerySchema = partnerScopedPageQuerySchema.extend({
  programId: businessCodeSchema.optional().describe('Only alerts of this program'),
});

/** A stored alert: the fields its PartnerNearTier event carries, with when it was flagged and published. */
export const nearTierAlertResponseSchema = partnerNearTierV1
  .omit({ version: true, alertId: true, occurredAt: true })
  .extend({
    flaggedAt: z.iso.datetime().describe('When the run’s alerts were stored'),
    runCompletedAt: z.iso
      .datetime()
      .describe('When the run that flagged it completed: only a run completed later replaces it'),
    publishedAt: z.iso.datetime().nullable().describe('When its PartnerNearTier event was published'),
  });
