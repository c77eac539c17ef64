import type { ShipAndDebitClaim } from '../../../domain/ship-and-debit/ship-and-debit-claim';

/** A claim with GX-200 resales to EC-7788: each [invoice, ship date, approved units, approved amount]. */
export function creditedClaim(
  claimId: string,
  receivedAt: string,
  resales: readonly (readonly [string, string, number, string])[],
): ShipAndDebitClaim {
  return {
    claimId,
    claimNumber: `DM-${claimId}`,
    partnerId: 'DIST-001',
    channel: 'json',
    currency: 'USD',
    receivedAt,
    submittedBy: { userId: 'u-dist-001', role: 'partner' },
    authorizationNumbers: ['DA-2026-0042'],
    lines: resales.map(([invoiceNumber, shipDate, quantity, amount], index) => ({
      lineNumber: index + 1,
      authorizationNumber: 'DA-2026-0042',
      invoiceNumber,
      invoiceLine: '1',
      shipDate,
      endCustomerId: 'EC-7788',
      productSku: 'GX-200',
      quantity,
      bookCost: '10.00',
      authorizedCost: '8.25',
      amount,
    })),
    results: resales.map(([, , quantity, amount], index) => ({
      lineNumber: index + 1,
      outcome: 'approved',
      approvedQuantity: quantity,
      approvedAmount: amount,
    })),
    unreadableLines: [],
    amountClaimed: '0.00',
    amountApproved: '0.00',
    settlementClaimId: `CLM-SD-${claimId}`,
    response849: '',
  };
}
