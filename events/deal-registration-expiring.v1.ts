import { z } from 'zod';

/**
 * Published by the daily expiry job a set number of days before a registration's protection ends, once
 * per protection window (again after an extension). Partner notifications listen.
 */
export const source = 'chrm.deal-registrations';
export const detailType = 'DealRegistrationExpiring';
export const version = 1;

export const dealRegistrationExpiringV1 = z.object({
  version: z.literal(version),
  registrationId: z.string(),
  partnerId: z.string(),
  programId: z.string(),
  /** Last protected day (YYYY-MM-DD). */
  protectedUntil: z.iso.date(),
  daysLeft: z.number().int().min(0),
  /** Whether the registration may still ask for its one extension. */
  extensionAvailable: z.boolean(),
  occurredAt: z.iso.datetime(),
});
export type DealRegistrationExpiringV1 = z.infer<typeof dealRegistrationExpiringV1>;
