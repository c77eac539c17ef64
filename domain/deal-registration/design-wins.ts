import type { Actor } from '../access/actor';
import { internalRoles } from '../access/actor';
import { requireRole } from '../access/policies';
import type { ChannelLineQueries } from '../channel-files/ports';
import { type PosSaleFact, posSaleFact, sumQuantities, totalsPerCurrency } from '../channel-files/pos-sales';
import { allPages } from '../shared/all-pages';
import { StateConflictError } from '../shared/errors';
import { normalizeCustomerName } from './customer-identity';
import type { DealRegistration } from './deal-registration';
import { registrationOrNotFound } from './deal-registration-use-cases';
import type { DealRegistrationDeps } from './ports';

/** One registered product's matched sell-through: units (net of returns) and revenue per currency. */
export interface DesignWinTotal {
  readonly sku: string;
  readonly quantity: string;
  readonly revenue: readonly { readonly amount: string; readonly currency: string }[];
}

/**
 * The design-win credit report of a registration: the registering partner's POS lines of the registration's
 * products sold to its end customer within its protection window, and their totals per product.
 */
export interface DesignWinReport {
  readonly registrationId: string;
  readonly partnerId: string;
  readonly customerName: string;
  readonly window: { readonly from: string; readonly to: string };
  readonly lines: readonly PosSaleFact[];
  readonly totals: readonly DesignWinTotal[];
}

/** The days a registration's POS lines are credited to it: from its approval through its protection's end. */
export function designWinWindow(registration: DealRegistration): { from: string; to: string } | undefined {
  const { approvedAt, protectedUntil } = registration;
  return approvedAt === undefined || protectedUntil === undefined
    ? undefined
    : { from: approvedAt.slice(0, 10), to: protectedUntil };
}

/**
 * Which of `sales` (the partner's lines of the registration's products) are credited to the registration:
 * invoiced within the window, of a registered product, to a customer whose name normalizes as the registered
 * one does ("ACME, Inc." and "Acme" are one, as in the conflict check). Lines in invoice order.
 */
export function matchDesignWins(
  registration: DealRegistration,
  window: { readonly from: string; readonly to: string },
  sales: readonly PosSaleFact[],
): DesignWinReport {
  const customer = normalizeCustomerName(registration.customer.name);
  const skus = registration.products.map((product) => product.sku);
  const lines = sales
    .filter(
      (sale) =>
        skus.includes(sale.sku) &&
        sale.invoiceDate >= window.from &&
        sale.invoiceDate <= window.to &&
        normalizeCustomerName(sale.endCustomerName ?? '') === customer,
    )
    .sort((a, b) =>
      `${a.invoiceDate}\u0000${a.invoiceNumber}\u0000${a.invoiceLine}` <
      `${b.invoiceDate}\u0000${b.invoiceNumber}\u0000${b.invoiceLine}`
        ? -1
        : 1,
    );
  const totals = skus.map((sku) => {
    const ofSku = lines.filter((line) => line.sku === sku);
    return {
      sku,
      quantity: sumQuantities(ofSku.map((line) => line.quantity)),
      revenue: totalsPerCurrency(ofSku.map((line) => line.amount)),
    };
  });
  return {
    registrationId: registration.registrationId,
    partnerId: registration.partnerId,
    customerName: registration.customer.name,
    window,
    lines,
    totals,
  };
}

/**
 * The design-win report of one registration (its partner, or staff). Main course: the registration must have
 * been protected (409 otherwise) → the partner's sales of each registered product invoiced in the window are
 * read (one index query per product) → those to the registered customer are matched and totalled.
 */
export async function designWinReport(
  deps: Pick<DealRegistrationDeps, 'registrations'> & {
    readonly sales: Pick<ChannelLineQueries, 'salesOfProduct'>;
  },
  actor: Actor,
  registrationId: string,
): Promise<DesignWinReport> {
  requireRole(actor, [...internalRoles, 'partner']);
  const registration = await registrationOrNotFound(deps, actor, registrationId);
  const window = designWinWindow(registration);
  if (window === undefined)
    throw new StateConflictError(
      `Deal registration '${registrationId}' is ${registration.status}: only a registration once protected has design wins`,
    );
  const sales = await Promise.all(
    registration.products.map((product) =>
      allPages((page) =>
        deps.sales.salesOfProduct(registration.partnerId, product.sku, window.from, window.to, page),
      ),
    ),
  );
  return matchDesignWins(registration, window, sales.flat().map(posSaleFact));
}
