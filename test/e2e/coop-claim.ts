/** The coop claim the e2e files submit on DIST-NORTH's behalf: COOP-2026, period 2026-03, one USD line. */
export function coopClaimRequest(amount: string, reference: string) {
  return {
    type: 'rebate',
    partnerId: 'DIST-NORTH',
    programId: 'COOP-2026',
    period: '2026-03',
    fund: 'coop',
    currency: 'USD',
    lines: [{ amount, reference }],
  };
}
