import type { Claim } from '../../../domain/claims/claim';

/** A validated rebate claim of P1 on PRG-1 2026-03 for 100.00 USD in one line, with plausible defaults. */
export function claim(overrides: Partial<Claim> = {}): Claim {
  return {
    claimId: 'CLM-1',
    type: 'rebate',
    partnerId: 'P1',
    programId: 'PRG-1',
    period: '2026-03',
    fund: 'rebate',
    currency: 'USD',
    lines: [{ lineNumber: 1, amount: '100.00', reference: 'INV-1', evidence: [] }],
    amountClaimed: '100.00',
    status: 'validated',
    submittedBy: { userId: 'u-P1', role: 'partner' },
    submittedAt: '2026-04-02T10:00:00.000Z',
    validationFailures: [],
    history: [],
    version: 1,
    ...overrides,
  };
}
