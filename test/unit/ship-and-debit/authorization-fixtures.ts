import {
  type DebitAuthorization,
  debitAuthorizationSchema,
} from '../../../domain/ship-and-debit/debit-authorization';

/**
 * Authorization DA-2026-0042 as the constructed 844 sample quotes it: ACME (DIST-001) may resell GX-100 down
 * to 1.80 and GX-200 down to 8.25 to Initech (EC-7788) from 2026-10-01 to 2026-12-31; 100 GX-200 are left.
 */
export function sampleAuthorization(patch: Partial<DebitAuthorization> = {}): DebitAuthorization {
  return debitAuthorizationSchema.parse({
    authorizationNumber: 'DA-2026-0042',
    partnerId: 'DIST-001',
    currency: 'USD',
    bookCostBasis: 'priceListOnShipDate',
    coverage: { kind: 'endCustomer', endCustomerId: 'EC-7788' },
    validFrom: '2026-10-01',
    validTo: '2026-12-31',
    issuedOn: '2026-09-28',
    status: 'approved',
    version: 2,
    history: [],
    lines: [
      {
        productSku: 'GX-100',
        pricing: { method: 'downTo', authorizedCost: '1.80' },
        quantityCap: 5000,
        remainingQuantity: 5000,
      },
      {
        productSku: 'GX-200',
        pricing: { method: 'downTo', authorizedCost: '8.25' },
        quantityCap: 1000,
        remainingQuantity: 100,
        resaleCeiling: '9.50',
      },
    ],
    ...patch,
  });
}
