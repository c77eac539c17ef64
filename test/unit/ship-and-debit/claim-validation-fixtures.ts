import { indexAuthorizations } from '../../../domain/ship-and-debit/authorization-index';
import type { DebitClaimValidationContext } from '../../../domain/ship-and-debit/claim-line-validation';
import type { DebitAuthorization } from '../../../domain/ship-and-debit/debit-authorization';
import type { DebitClaimLine } from '../../../domain/ship-and-debit/debit-claim-line';
import { type PosSale, PosSaleIndex } from '../../../domain/ship-and-debit/pos-sale-index';
import { sampleAuthorization } from './authorization-fixtures';

const resale: DebitClaimLine = {
  lineNumber: 1,
  authorizationNumber: 'DA-2026-0042',
  invoiceNumber: 'INV-55501',
  shipDate: '2026-11-15',
  endCustomerId: 'EC-7788',
  productSku: 'GX-100',
  quantity: 1000,
  bookCost: '2.50',
  authorizedCost: '1.80',
  amount: '700.00',
};

/** The three lines of the constructed 844 sample; line 3 repeats line 1. */
export const sampleClaimLines: DebitClaimLine[] = [
  resale,
  {
    ...resale,
    lineNumber: 2,
    invoiceNumber: 'INV-55502',
    shipDate: '2026-11-20',
    productSku: 'GX-200',
    quantity: 120,
    bookCost: '10.00',
    authorizedCost: '8.25',
    amount: '210.00',
  },
  { ...resale, lineNumber: 3 },
];

export const sampleSales: PosSale[] = [
  {
    invoiceNumber: 'INV-55501',
    endCustomerId: 'EC-7788',
    productSku: 'GX-100',
    shipDate: '2026-11-15',
    quantity: 1000,
  },
  {
    invoiceNumber: 'INV-55502',
    endCustomerId: 'EC-7788',
    productSku: 'GX-200',
    shipDate: '2026-11-20',
    quantity: 120,
  },
];

const listPrices = new Map([
  ['GX-100', '2.50'],
  ['GX-200', '10.00'],
]);

/** A validation context for DIST-001 receiving `claimLines` on 2026-11-30 with a 90-day claim window. */
export function sampleContext(
  patch: Partial<Omit<DebitClaimValidationContext, 'authorizations' | 'sales'>> & {
    authorizations?: DebitAuthorization[];
    sales?: PosSale[];
  } = {},
  claimLines: readonly DebitClaimLine[] = sampleClaimLines,
): DebitClaimValidationContext {
  const { authorizations, sales, ...rest } = patch;
  return {
    partnerId: 'DIST-001',
    currency: 'USD',
    receivedOn: '2026-11-30',
    claimWindowDays: 90,
    posToleranceBasisPoints: 0,
    claimedInvoiceLines: new Set(),
    endCustomerSegments: new Map(),
    bookCostOf: (_authorization, line) => listPrices.get(line.productSku),
    ...rest,
    authorizations: indexAuthorizations(authorizations ?? [sampleAuthorization()]),
    sales: PosSaleIndex.of(claimLines, sales ?? sampleSales),
  };
}
