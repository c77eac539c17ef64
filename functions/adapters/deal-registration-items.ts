import { z } from 'zod';
import type { CustomerIdentity } from '../../domain/deal-registration/customer-identity';
import {
  conflictPolicies,
  type DealRegistration,
  type DealRegistrationPolicy,
  type DealReminder,
  dealRegistrationStatuses,
  type HouseAccount,
} from '../../domain/deal-registration/deal-registration';
import { currencyCodeSchema } from '../../domain/shared/money/money';
import { checkedFields, readBack, readerOf } from './read-back';
import { storageStripper, type TableItem } from './table-access';

/**
 * The deal-registration items read back (keys in table-keys/deal-registration.ts): each checked for what it
 * is keyed, listed and decided by; the rest is kept as written.
 */
const withoutStorage = storageStripper('type');

const customerSchema = checkedFields<CustomerIdentity>()({ name: z.string().min(1), country: z.string() });
const houseAccountSchema = checkedFields<HouseAccount>()({
  houseAccountId: z.string().min(1),
  customer: customerSchema,
  createdAt: z.string().min(1),
});
export const registrationOf = readerOf(
  checkedFields<DealRegistration>()({
    registrationId: z.string().min(1),
    partnerId: z.string().min(1),
    programId: z.string().min(1),
    customer: customerSchema,
    products: z.array(checkedFields<DealRegistration['products'][number]>()({ sku: z.string().min(1) })),
    estimatedValue: z.object({ amount: z.string(), currency: currencyCodeSchema }),
    status: z.enum(dealRegistrationStatuses),
    createdAt: z.string().min(1),
  }),
  withoutStorage,
);
export const houseAccountOf = readerOf(houseAccountSchema, withoutStorage);
export const policyOf = readerOf(
  checkedFields<DealRegistrationPolicy & { readonly programId: string }>()({
    programId: z.string().min(1),
    conflictPolicy: z.enum(conflictPolicies),
    protectionDays: z.number().int().positive(),
    extensionDays: z.number().int().positive(),
    reducedBenefitPercent: z.string(),
  }),
  withoutStorage,
);
export const reminderOf = readerOf(
  checkedFields<DealReminder>()({
    registrationId: z.string().min(1),
    partnerId: z.string().min(1),
    protectedUntil: z.string().min(1),
    remindedAt: z.string().min(1),
  }),
  withoutStorage,
);

/** The house account a customer entry holds (an entry names a registration or embeds a house account). */
export const houseAccountHeldBy = (entry: TableItem): HouseAccount =>
  readBack(houseAccountSchema, entry, (held) => held.houseAccount);
