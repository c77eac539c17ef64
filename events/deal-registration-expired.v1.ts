import { z } from 'zod';

/** Published when the daily job expires a registration whose protection ended without a win or loss. */
export const source = 'chrm.deal-registrations';
export const detailType = 'DealRegistrationExpired';
export const version = 1;

export const dealRegistrationExpiredV1 = z.object({
  version: z.literal(version),
  registrationId: z.string(),
  partnerId: z.string(),
  programId: z.string(),
  protectedUntil: z.iso.date(),
  occurredAt: z.iso.datetime(),
});
export type DealRegistrationExpiredV1 = z.infer<typeof dealRegistrationExpiredV1>;
