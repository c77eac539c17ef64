import { z } from 'zod';
import { customerIdentitySchema } from '../../domain/deal-registration/customer-identity';
import {
  conflictPolicies,
  dealRegistrationPolicySchema,
  dealRegistrationStatuses,
} from '../../domain/deal-registration/deal-registration';
import { businessCodeSchema } from '../../domain/shared/codes';
import { pageQuerySchema } from './api-schemas';
import { amountInCurrency } from './record-response-schemas';

/** Request and response schemas of the deal-registration routes. */

export const registrationPathSchema = z.object({
  registrationId: z
    .string()
    .regex(/^DR-[A-Z0-9]{1,64}$/, 'must be a deal registration id (DR-…)')
    .describe('Deal registration id (DR-…)'),
});

export const houseAccountPathSchema = z.object({
  houseAccountId: z
    .string()
    .regex(/^HA-[A-Z0-9]{1,64}$/, 'must be a house account id (HA-…)')
    .describe('House account id (HA-…)'),
});

export const dealPolicyPathSchema = z.object({
  programId: businessCodeSchema.describe('Program the policy belongs to'),
});

export const dealRegistrationListQuerySchema = pageQuerySchema.extend({
  status: z
    .enum(dealRegistrationStatuses)
    .optional()
    .describe('Only registrations of this status (staff without a partner: `submitted` unless given)'),
  partnerId: businessCodeSchema
    .optional()
    .describe('Staff: one partner’s registrations. A partner user always sees its own only'),
});

const reason = z.string().trim().max(500).optional();

export const reviewDecisionSchema = z
  .object({
    decision: z.enum(['approve', 'reject']).describe('Approve (protection starts today) or reject'),
    reason: reason.describe('Why; required to reject'),
  })
  .strict();

export const extensionRequestSchema = z
  .object({
    activity: z
      .string()
      .trim()
      .min(1, 'must not be empty')
      .max(4000)
      .describe('What the partner has done on the deal since approval (logged with the request)'),
  })
  .strict();

export const dealOutcomeSchema = z
  .object({
    outcome: z.enum(['won', 'lost']).describe('How the deal ended'),
    note: z.string().trim().max(500).optional().describe('Free text for the record'),
  })
  .strict();

export const houseAccountRequestSchema = z
  .object({
    customer: customerIdentitySchema.describe('The customer the manufacturer serves directly'),
    note: z.string().trim().max(500).optional().describe('Why it is a house account'),
  })
  .strict();

const actor = (meaning: string) =>
  z
    .looseObject({ userId: z.string().describe('User id'), role: z.string().describe('Role') })
    .describe(meaning);

const customerResponse = z
  .looseObject({
    name: z.string().describe('Name as given'),
    country: z.string().describe('ISO 3166-1 alpha-2 country'),
    taxId: z.string().optional().describe('Tax id as given'),
    webDomain: z.string().optional().describe('Web domain as given'),
  })
  .describe('End customer');

export const dealRegistrationResponseSchema = z.looseObject({
  registrationId: z.string().describe('Deal registration id (DR-…)'),
  partnerId: z.string().describe('Registering partner'),
  programId: z.string().describe('Program whose policy applies'),
  customer: customerResponse,
  products: z
    .array(
      z.looseObject({
        sku: z.string().describe('Product SKU'),
        quantity: z.number().int().describe('Units'),
      }),
    )
    .describe('Products and quantities'),
  estimatedValue: z
    .looseObject({
      amount: z.string().describe('Decimal string in `currency`'),
      currency: z.string().describe('ISO 4217 currency'),
    })
    .describe('Estimated deal value'),
  closeDate: z.string().describe('Expected close date'),
  description: z.string().describe('The partner’s work on the deal'),
  status: z.enum(dealRegistrationStatuses).describe('Where the registration stands'),
  createdAt: z.string().describe('When registered (ISO 8601 UTC)'),
  createdBy: actor('Who registered it'),
  submittedAt: z.string().optional().describe('When submitted for the conflict check'),
  checkedAt: z.string().optional().describe('When the conflict check ran'),
  benefit: z
    .looseObject({
      kind: z.enum(['full', 'reduced']).describe('Full, or reduced for a second partner'),
      percent: z.string().optional().describe('Share of the full benefit, in percent (reduced)'),
    })
    .optional()
    .describe('Benefit once accepted'),
  conflict: z
    .looseObject({
      kind: z
        .enum(['otherPartner', 'houseAccount'])
        .describe('Who holds the customer: another partner or the house'),
      matchedOn: z.array(z.string()).describe('Identity parts that matched: name, taxId, webDomain'),
      skus: z.array(z.string()).describe('Products in common'),
      protectedUntil: z.string().optional().describe('Until when the other registration is protected'),
      registrationIds: z.array(z.string()).optional().describe('Staff only: the conflicting registrations'),
      partnerIds: z.array(z.string()).optional().describe('Staff only: the partners holding them'),
      houseAccountIds: z.array(z.string()).optional().describe('Staff only: the house accounts matched'),
    })
    .optional()
    .describe('What the conflict check found; partners never see who holds the customer'),
  rejection: z
    .looseObject({
      code: z.enum(['duplicate', 'houseAccount', 'decision']).describe('Rule or person that rejected it'),
      reason: z.string().describe('Why'),
    })
    .optional()
    .describe('Why it was rejected'),
  approvedAt: z.string().optional().describe('When approved'),
  protectedUntil: z.string().optional().describe('Last protected day (inclusive)'),
  extension: z
    .looseObject({
      requestedAt: z.string().describe('When requested'),
      activity: z.string().describe('Activity logged with the request'),
      decision: z.enum(['granted', 'refused']).optional().describe('Decision, once taken'),
      reason: z.string().optional().describe('Reason given with the decision'),
      decidedAt: z.string().optional().describe('When decided'),
    })
    .optional()
    .describe('The one extension, once requested'),
  reminderSentFor: z.string().optional().describe('Protection end the expiry reminder went out for'),
  outcome: z
    .looseObject({ at: z.string().describe('When recorded'), note: z.string().optional().describe('Note') })
    .optional()
    .describe('When it was marked won or lost'),
  debitAuthorizationNumber: z
    .string()
    .optional()
    .describe('The debit authorization (DA-…) created from the won registration, once it was'),
  history: z
    .array(
      z.looseObject({
        at: z.string().describe('When'),
        by: actor('Who (system for the rules and the expiry job)'),
        from: z.string().nullable().describe('Status before'),
        to: z.string().describe('Status after'),
        note: z.string().optional().describe('Reason or note'),
      }),
    )
    .describe('Every status change'),
  version: z.number().int().describe('Changes with every stored change'),
});

export const houseAccountResponseSchema = z.looseObject({
  houseAccountId: z.string().describe('House account id (HA-…)'),
  customer: customerResponse,
  note: z.string().optional().describe('Why it is a house account'),
  createdAt: z.string().describe('When added'),
  createdBy: actor('Who added it'),
});

export const houseAccountRemovedSchema = z.looseObject({
  houseAccountId: z.string().describe('The house account removed'),
  removed: z.literal(true).describe('Always true'),
});

export const dealPolicyRequestSchema = dealRegistrationPolicySchema;

export const dealPolicyResponseSchema = z.looseObject({
  programId: z.string().describe('Program'),
  conflictPolicy: z.enum(conflictPolicies).describe('How conflicts are settled'),
  protectionDays: z.number().int().describe('Days an approved registration is protected'),
  extensionDays: z.number().int().describe('Days one extension adds'),
  reducedBenefitPercent: z.string().describe('Benefit of a second partner, in percent'),
  isDefault: z.boolean().describe('True when the program has no policy of its own'),
});

export const designWinReportResponseSchema = z.looseObject({
  registrationId: z.string().describe('Deal registration id (DR-…)'),
  partnerId: z.string().describe('Registering partner, whose POS lines are matched'),
  customerName: z.string().describe('End customer as registered; POS lines match on its normalized name'),
  window: z
    .looseObject({
      from: z.string().describe('Approval day'),
      to: z.string().describe('Last protected day'),
    })
    .describe('Invoice dates credited to the registration'),
  lines: z
    .array(
      z.looseObject({
        sourceFileId: z.string().describe('Channel file the line came from'),
        invoiceNumber: z.string().describe('Partner invoice'),
        invoiceLine: z.string().describe('Invoice line'),
        invoiceDate: z.string().describe('Invoice date'),
        sku: z.string().describe('Product'),
        quantity: z.string().describe('Units in the base unit (negative: a return)'),
        amount: amountInCurrency.describe('Extended amount of the line'),
        endCustomerId: z.string().optional().describe('End customer id as the partner reported it'),
        endCustomerName: z.string().optional().describe('End customer name as the partner reported it'),
      }),
    )
    .describe('Matched POS lines, in invoice order'),
  totals: z
    .array(
      z.looseObject({
        sku: z.string().describe('Registered product'),
        quantity: z.string().describe('Matched units, net of returns'),
        revenue: z.array(amountInCurrency).describe('Matched revenue, one total per currency'),
      }),
    )
    .describe('Totals per registered product'),
});

export const dealReminderListQuerySchema = pageQuerySchema.extend({
  partnerId: businessCodeSchema
    .optional()
    .describe('Staff: one partner’s reminders. A partner user always sees its own only'),
});

export const dealReminderResponseSchema = z.looseObject({
  registrationId: z.string().describe('Deal registration id (DR-…)'),
  partnerId: z.string().describe('Registering partner'),
  programId: z.string().describe('Program'),
  customerName: z.string().describe('End customer as the partner registered it'),
  protectedUntil: z.string().describe('Last protected day'),
  daysLeft: z.number().int().describe('Days from the reminder to the last protected day'),
  extensionAvailable: z.boolean().describe('Whether the one extension may still be asked for'),
  remindedAt: z.string().describe('When the daily job reminded (ISO 8601)'),
});
