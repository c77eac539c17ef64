import { z } from 'zod';
import { businessCodeSchema } from '../shared/codes';
import { isoDateSchema } from '../shared/iso-date';
import { type CurrencyCode, currencyCodeSchema, currencyMinorUnits } from '../shared/money/money';
import type { CustomerMatchKind } from './customer-identity';
import { type CustomerIdentity, customerIdentitySchema } from './customer-identity';

/**
 * A deal registration: a partner claims an opportunity with an end customer so that no other partner and no
 * direct rep takes it. Life: draft → submitted (or inReview when a person must resolve a conflict, or
 * rejected at once by the rules) → approved | rejected → won | lost | expired; an approved one may ask once
 * for more time (extensionRequested → extended, or back to approved when refused).
 */
export const dealRegistrationStatuses = [
  'draft',
  'submitted',
  'inReview',
  'approved',
  'rejected',
  'extensionRequested',
  'extended',
  'won',
  'lost',
  'expired',
] as const;
export type DealRegistrationStatus = (typeof dealRegistrationStatuses)[number];

/** Registrations whose protection is in force: they hold their customer and products against others. */
export const protectedStatuses = [
  'approved',
  'extensionRequested',
  'extended',
] as const satisfies DealRegistrationStatus[];
/** Registrations waiting for a decision: they hold their customer too, first come first served. */
export const pendingStatuses = ['submitted', 'inReview'] as const satisfies DealRegistrationStatus[];

/** Most units of one product a registration may name: more is a typing error, not a deal. */
export const maxQuantity = 1_000_000;
/** How far ahead a close date may lie. */
export const maxCloseYearsAhead = 3;

export const registeredProductSchema = z
  .object({
    sku: businessCodeSchema.describe('Product SKU'),
    quantity: z
      .number()
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(maxQuantity, `must be at most ${maxQuantity.toLocaleString('en-US')}`)
      .describe('Units of the product in the deal'),
  })
  .strict();

/** What a partner sends to register a deal. */
export const dealRegistrationRequestSchema = z
  .object({
    partnerId: businessCodeSchema
      .optional()
      .describe(
        'Partner the deal is for: a partner user’s own (may be omitted); required from a channel manager',
      ),
    programId: businessCodeSchema.describe('Program whose deal-registration policy applies'),
    customer: customerIdentitySchema.describe('End customer of the deal'),
    products: z
      .array(registeredProductSchema)
      .min(1, 'name at least one product')
      .max(50, 'at most 50 products a registration')
      .superRefine((products, ctx) => {
        const seen = new Set<string>();
        products.forEach((product, index) => {
          if (seen.has(product.sku)) {
            ctx.addIssue({ code: 'custom', path: [index, 'sku'], message: 'is named twice' });
          }
          seen.add(product.sku);
        });
      })
      .describe('Products and quantities of the deal'),
    estimatedValue: z
      .object({
        amount: z
          .string()
          .regex(/^\d{1,12}(\.\d{1,4})?$/, 'must be a positive decimal string, e.g. "125000.00"')
          .refine((text) => !/^0+(\.0+)?$/.test(text), 'must be more than zero')
          .describe('Estimated deal value'),
        currency: currencyCodeSchema.describe('ISO 4217 currency of the amount'),
      })
      .strict()
      .superRefine((value, ctx) => {
        const decimals = value.amount.split('.')[1]?.length ?? 0;
        if (decimals > currencyMinorUnits[value.currency]) {
          ctx.addIssue({
            code: 'custom',
            path: ['amount'],
            message: `must have at most ${currencyMinorUnits[value.currency]} decimals in ${value.currency}`,
          });
        }
      })
      .describe('Estimated value of the deal'),
    closeDate: isoDateSchema.describe('Expected close date (YYYY-MM-DD), today to three years ahead'),
    description: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(4000)
      .describe('The partner’s own work on the deal'),
  })
  .strict();
export type DealRegistrationRequest = z.infer<typeof dealRegistrationRequestSchema>;

export interface DealActor {
  readonly userId: string;
  readonly role: string;
}

export interface DealHistoryEntry {
  readonly at: string;
  readonly by: DealActor;
  readonly from: DealRegistrationStatus | null;
  readonly to: DealRegistrationStatus;
  readonly note?: string;
}

/** What the benefit of an accepted registration is: full, or reduced for a second partner on the customer. */
export type DealBenefit = { readonly kind: 'full' } | { readonly kind: 'reduced'; readonly percent: string };

/**
 * What the conflict check found. `registrationIds` and `partnerIds` name the other side and are for staff
 * only: `partnerView` removes them before a partner sees its registration.
 */
export interface DealConflict {
  readonly kind: 'otherPartner' | 'houseAccount';
  readonly matchedOn: readonly CustomerMatchKind[];
  /** Overlapping SKUs (otherPartner). */
  readonly skus: readonly string[];
  /** The latest day the other side's protection runs to, when it is approved. */
  readonly protectedUntil?: string;
  readonly registrationIds?: readonly string[];
  readonly partnerIds?: readonly string[];
  readonly houseAccountIds?: readonly string[];
}

export interface DealRegistration {
  readonly registrationId: string;
  readonly partnerId: string;
  readonly programId: string;
  readonly customer: CustomerIdentity;
  readonly products: readonly { readonly sku: string; readonly quantity: number }[];
  readonly estimatedValue: { readonly amount: string; readonly currency: CurrencyCode };
  readonly closeDate: string;
  readonly description: string;
  readonly status: DealRegistrationStatus;
  readonly createdAt: string;
  readonly createdBy: DealActor;
  readonly submittedAt?: string;
  /** When the conflict check ran on the submission (absent while it has not: a repeated submit runs it). */
  readonly checkedAt?: string;
  readonly benefit?: DealBenefit;
  readonly conflict?: DealConflict;
  /** Why it was rejected (a person's reason or the rule's). */
  readonly rejection?: { readonly code: 'duplicate' | 'houseAccount' | 'decision'; readonly reason: string };
  /** Protection runs from approval through this day (inclusive). */
  readonly approvedAt?: string;
  readonly protectedUntil?: string;
  readonly extension?: {
    readonly requestedAt: string;
    readonly activity: string;
    readonly decision?: 'granted' | 'refused';
    readonly reason?: string;
    readonly decidedAt?: string;
  };
  /** protectedUntil for which the expiry reminder went out, so it goes out once per window. */
  readonly reminderSentFor?: string;
  readonly outcome?: { readonly at: string; readonly note?: string };
  /** The debit authorization a won registration created (its special pricing), once it has. */
  readonly debitAuthorizationNumber?: string;
  readonly history: readonly DealHistoryEntry[];
  readonly version: number;
}

/** A registration as its partner sees it: who holds a conflicting registration is never shown. */
export function partnerView(registration: DealRegistration): DealRegistration {
  if (registration.conflict === undefined) return registration;
  const { registrationIds: _r, partnerIds: _p, houseAccountIds: _h, ...shown } = registration.conflict;
  return { ...registration, conflict: shown };
}

/** How a program handles deal registrations. */
export const conflictPolicies = ['firstComeFirstServed', 'secondPartnerReduced'] as const;
export type ConflictPolicy = (typeof conflictPolicies)[number];

export const dealRegistrationPolicySchema = z
  .object({
    conflictPolicy: z
      .enum(conflictPolicies)
      .describe(
        'firstComeFirstServed: a later registration of a held customer is rejected; secondPartnerReduced: it goes to a person at a reduced benefit',
      ),
    protectionDays: z.number().int().min(1).max(730).describe('Days an approved registration is protected'),
    extensionDays: z.number().int().min(1).max(365).describe('Days one extension adds'),
    reducedBenefitPercent: z
      .string()
      .regex(/^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/, 'must be a percentage 0–100, e.g. "50"')
      .describe('Benefit of a second partner, in percent of the full benefit'),
  })
  .strict();
export type DealRegistrationPolicy = z.infer<typeof dealRegistrationPolicySchema>;

/** The policy of a program that has none stored. */
export const defaultDealPolicy: DealRegistrationPolicy = {
  conflictPolicy: 'firstComeFirstServed',
  protectionDays: 90,
  extensionDays: 30,
  reducedBenefitPercent: '50',
};

/** A customer the manufacturer serves directly: partners cannot register deals with it. */
export interface HouseAccount {
  readonly houseAccountId: string;
  readonly customer: CustomerIdentity;
  readonly note?: string;
  readonly createdAt: string;
  readonly createdBy: DealActor;
}

/**
 * An expiry reminder as delivered to the portal: the partner reads its own, channel managers every partner's.
 * One per registration and protection window (again after an extension), like the event it mirrors.
 */
export interface DealReminder {
  readonly registrationId: string;
  readonly partnerId: string;
  readonly programId: string;
  /** The end customer as the partner registered it (its own customer: shown to it and to staff only). */
  readonly customerName: string;
  /** Last protected day (YYYY-MM-DD). */
  readonly protectedUntil: string;
  readonly daysLeft: number;
  /** Whether the registration may still ask for its one extension. */
  readonly extensionAvailable: boolean;
  readonly remindedAt: string;
}
