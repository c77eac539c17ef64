import { z } from 'zod';
import type { Actor, Role } from '../access/actor';
import { requireRole } from '../access/policies';
import type { RequestApprovalStarting } from '../approvals/ports';
import { businessCodeSchema } from '../shared/codes';
import { BusinessRuleError, type FieldIssue, StateConflictError } from '../shared/errors';
import { unitPriceSchema } from '../shared/money/money';
import { type DebitAuthorization, pricingMethodSchema } from '../ship-and-debit/debit-authorization';
import {
  bookCostRefinement,
  bookCostShape,
  type RequestedAuthorizationLine,
} from '../ship-and-debit/debit-authorization-requests';
import {
  type DebitAuthorizationDeps,
  storeAuthorizationRequest,
} from '../ship-and-debit/debit-authorization-use-cases';
import type { DealRegistration } from './deal-registration';
import { moved, registrationOrNotFound, requireStatus } from './deal-registration-use-cases';
import type { DealRegistrationDeps } from './ports';

/**
 * What a channel manager adds to a won registration to make its special pricing: the registration gives the
 * partner, products (caps), customer and window; the price of each product and the book cost come from here.
 */
export const wonDealAuthorizationSchema = z
  .object({
    endCustomerId: businessCodeSchema.describe(
      'The end customer’s id as the partner reports it in POS data (claims are checked against it)',
    ),
    ...bookCostShape,
    lines: z
      .array(
        z
          .object({
            productSku: businessCodeSchema.describe('A product of the registration'),
            pricing: pricingMethodSchema.describe('How the credit per unit (or per claim line) is priced'),
            resaleCeiling: unitPriceSchema
              .optional()
              .describe('Highest unit price the partner may resell at'),
          })
          .strict(),
      )
      .min(1)
      .describe('The pricing of each registered product, one line each (caps are the registered quantities)'),
  })
  .strict()
  .superRefine(bookCostRefinement);
export type WonDealAuthorizationTerms = z.infer<typeof wonDealAuthorizationSchema>;

/** What creating a won deal's authorization needs: the registrations and the authorization side. */
export interface WonDealAuthorizationDeps {
  readonly deals: Pick<DealRegistrationDeps, 'registrations' | 'clock'>;
  readonly authorizations: DebitAuthorizationDeps & RequestApprovalStarting;
}

/** Who turns won deals into special pricing. */
const authorizers: readonly Role[] = ['channel_manager'];

/** The authorization number of a registration's special pricing: one registration, one authorization. */
export const authorizationNumberOf = (registrationId: string) => `DA-${registrationId}`;

/**
 * The authorization lines of the terms, each capped at the registered quantity of its product; 422 unless
 * they price exactly the registration's products, each once.
 */
function pricedLines(
  registration: DealRegistration,
  terms: WonDealAuthorizationTerms,
): RequestedAuthorizationLine[] {
  const registered = new Map(registration.products.map((product) => [product.sku, product.quantity]));
  const issues: FieldIssue[] = [];
  const lines: RequestedAuthorizationLine[] = [];
  terms.lines.forEach((line, index) => {
    const quantityCap = registered.get(line.productSku);
    if (quantityCap === undefined) {
      issues.push({ path: `lines.${index}.productSku`, message: 'is not a product of the registration' });
    } else if (lines.some((priced) => priced.productSku === line.productSku)) {
      issues.push({ path: `lines.${index}.productSku`, message: 'is priced twice' });
    } else {
      lines.push({ ...line, quantityCap });
    }
  });
  const unpriced = [...registered.keys()].filter((sku) => !lines.some((line) => line.productSku === sku));
  if (issues.length === 0 && unpriced.length > 0)
    issues.push({ path: 'lines', message: `must price every product; missing ${unpriced.join(', ')}` });
  if (issues.length > 0)
    throw new BusinessRuleError('The lines must price each product of the registration once', issues);
  return lines;
}

/**
 * A channel manager creates the debit authorization of a won registration, so its special pricing follows
 * the deal. Main course: a registration that has one answers it (`created` false) → it must be won (409) →
 * its lines must price its products → the authorization is stored `requested` (an approver decides it as any
 * other) under a number derived from the registration, for its partner, customer and protection window,
 * each product capped at the registered quantity → the registration records it. A retry after a crash
 * between the two finds the authorization by its number and links it.
 */
export async function authorizeWonDeal(
  deps: WonDealAuthorizationDeps,
  actor: Actor,
  input: { readonly registrationId: string; readonly terms: WonDealAuthorizationTerms },
): Promise<{ readonly authorization: DebitAuthorization; readonly created: boolean }> {
  requireRole(actor, authorizers);
  const registration = await registrationOrNotFound(deps.deals, actor, input.registrationId);
  const number = authorizationNumberOf(registration.registrationId);
  if (registration.debitAuthorizationNumber !== undefined) {
    return { authorization: await storedAuthorization(deps, number), created: false };
  }
  requireStatus(registration, ['won'], 'have special pricing: only a won deal can');
  const { approvedAt, protectedUntil } = registration;
  if (approvedAt === undefined || protectedUntil === undefined)
    throw new StateConflictError(`Deal registration '${registration.registrationId}' was never protected`);
  const { terms } = input;
  const lines = pricedLines(registration, terms);
  const stored = await storeAuthorizationRequest(deps.authorizations, actor, {
    partnerId: registration.partnerId,
    authorizationNumber: number,
    dealRegistrationId: registration.registrationId,
    request: {
      currency: registration.estimatedValue.currency,
      bookCostBasis: terms.bookCostBasis,
      ...(terms.priceListId === undefined ? {} : { priceListId: terms.priceListId }),
      justification: `Won deal registration ${registration.registrationId} (${registration.customer.name})`,
      coverage: { kind: 'endCustomer', endCustomerId: terms.endCustomerId },
      validFrom: approvedAt.slice(0, 10),
      validTo: protectedUntil,
      lines,
    },
  });
  const authorization = stored ?? (await storedAuthorization(deps, number));
  await moved(
    deps.deals,
    registration,
    { ...registration, debitAuthorizationNumber: number },
    actor,
    `debit authorization ${number}`,
  ).catch(async (error: unknown) => {
    // A concurrent call linked the same authorization first: that is the outcome wanted.
    const now = await deps.deals.registrations.get(registration.registrationId);
    if (now?.debitAuthorizationNumber !== number) throw error;
  });
  return { authorization, created: stored !== undefined };
}

async function storedAuthorization(deps: WonDealAuthorizationDeps, number: string) {
  const authorization = await deps.authorizations.authorizations.get(number);
  if (authorization === undefined)
    throw new StateConflictError(`Debit authorization ${number} is being stored; try again`);
  return authorization;
}
