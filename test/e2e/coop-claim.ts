/** DIST-NORTH's demo co-op fund of March 2026 (COOP-2026), which the claims and payments e2e tests draw on. */
const northCoopMarch = { programId: 'COOP-2026', period: '2026-03', fund: 'coop', currency: 'USD' } as const;

/** A one-line rebate claim on that fund; `extra` overrides fields (another currency, a partner). */
export const coopClaim = (amount: string, reference: string, extra: Record<string, unknown> = {}) => ({
  type: 'rebate',
  ...northCoopMarch,
  lines: [{ amount, reference }],
  ...extra,
});

/** A manual adjustment giving DIST-NORTH `amount` more co-op to claim (finance requests, an approver decides). */
export const coopAdjustment = (amount: string, reason: string) => ({
  ...northCoopMarch,
  beneficiaryPartnerId: 'DIST-NORTH',
  amount,
  reason,
});
