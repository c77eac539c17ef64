import type { Claim, ClaimStatus } from '../../../domain/claims/claim';
import type { LedgerPosting } from '../../../domain/ledger/ledger-posting';
import type { PartnerData } from '../../../domain/partners/partner';
import type { CurrencyCode } from '../../../domain/shared/money/money';
import type { Stored } from '../../../domain/shared/ports';

/** An approved claim of `amount`, decided on 2026-02-20; tests override what they are about. */
export function payableClaim(
  claimId: string,
  overrides: Partial<Omit<Claim, 'claimId'>> & { readonly decidedAt?: string } = {},
): Claim {
  const { decidedAt = '2026-02-20T10:00:00.000Z', ...rest } = overrides;
  const currency: CurrencyCode = rest.currency ?? 'EUR';
  const amount = rest.amountApproved ?? '100.00';
  const status: ClaimStatus = rest.status ?? 'approved';
  return {
    claimId,
    type: 'rebate',
    partnerId: 'P1',
    programId: 'PRG-1',
    period: '2026-01',
    fund: 'rebate',
    currency,
    lines: [{ lineNumber: 1, amount, reference: `INV-${claimId}`, evidence: [] }],
    amountClaimed: amount,
    amountApproved: amount,
    status,
    submittedBy: { userId: 'u-P1', role: 'partner' },
    submittedAt: '2026-02-01T09:00:00.000Z',
    validationFailures: [],
    history: [
      {
        at: '2026-02-01T09:00:00.000Z',
        by: { userId: 'u-P1', role: 'partner' },
        from: null,
        to: 'submitted',
      },
      { at: decidedAt, by: { userId: 'u-appr', role: 'approver' }, from: 'inApproval', to: status },
    ],
    version: 3,
    ...rest,
  };
}

/** A partner paid in EUR with valid bank details. */
export function paidPartner(partnerId: string, overrides: Partial<PartnerData> = {}): Stored<PartnerData> {
  return {
    partnerId,
    name: `Partner ${partnerId}`,
    partnerType: 'distributor',
    region: 'EU-WEST',
    country: 'DE',
    currency: 'EUR',
    status: 'active',
    sites: [],
    remittance: {
      accountHolderName: `${partnerId} GmbH`,
      iban: 'DE89370400440532013000',
      bic: 'COBADEFFXXX',
    },
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** The claim posting settleDecidedClaim makes (claims branch): Dr accrued liability, Cr accounts payable. */
export function claimPosting(claimId: string, amount: string, partnerId = 'P1'): LedgerPosting {
  return {
    kind: 'claim',
    claimId,
    postingId: `CLAIM-${claimId}`,
    programId: 'PRG-1',
    period: '2026-01',
    fund: 'rebate',
    beneficiaryPartnerId: partnerId,
    partnerId,
    endCustomerId: null,
    billTo: null,
    sku: null,
    uom: null,
    salesperson: null,
    currency: 'EUR',
    amount,
    postedOn: '2026-02-20',
    reason: 'approved claim',
  };
}
