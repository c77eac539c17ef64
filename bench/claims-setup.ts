/**
 * Setup of the claims benchmark through the API (timed, but not a goal): the approval policy with an
 * auto-approve threshold, the bench partners with bank details, and each fund's credit as an adjustment
 * requested by finance and approved by an approver.
 */
import { type Call, expectStatus, inParallel } from './claims-http';
import { autoApproveBelow, type ClaimsPlan, usd } from './claims-plan';

export interface SetupTokens {
  readonly admin: string;
  readonly finance: string;
  readonly approver: string;
  readonly manager: string;
}

/** Claims below `autoApproveBelow` USD are approved by the system; above it one approver signs. */
export async function storeApprovalPolicy(call: Call, tokens: SetupTokens): Promise<void> {
  const current = expectStatus(await call('GET', '/approval-policy', tokens.admin), 200, 'read policy');
  const { isDefault: _default, ...policy } = current.json as { isDefault?: boolean; thresholds: object };
  const thresholds = { ...policy.thresholds, USD: { autoApproveBelow, singleApproverUpTo: '1000000.00' } };
  const stored = await call('PUT', '/approval-policy', tokens.admin, { ...policy, thresholds });
  expectStatus(stored, 201, 'store policy');
}

/** Bench partners, each paid by bank transfer (a valid IBAN), and each fund's credit. */
export async function seedPartnersAndFunds(
  call: Call,
  tokens: SetupTokens,
  plan: ClaimsPlan,
  workers: number,
): Promise<void> {
  const approve = (adjustmentId: unknown) =>
    call(
      'POST',
      `/adjustments/${adjustmentId}/decision`,
      tokens.approver,
      { decision: 'approve' },
      { 'if-match': '"1"' },
    );
  await inParallel(plan.partners, workers, async ({ partnerId, fund }) => {
    const partner = await call('POST', '/partners', tokens.manager, {
      partnerId,
      name: `Bench partner ${partnerId}`,
      partnerType: 'reseller',
      region: 'US-EAST',
      country: 'US',
      currency: 'USD',
      remittance: {
        accountHolderName: `Bench ${partnerId}`,
        iban: 'DE89370400440532013000',
        bic: 'COBADEFFXXX',
      },
    });
    expectStatus(partner, 201, `create partner ${partnerId}`);
    const credit = plan.credit.get(partnerId);
    if (credit === undefined) return;
    const requested = await call('POST', '/adjustments', tokens.finance, {
      programId: fund.programId,
      beneficiaryPartnerId: partnerId,
      fund: fund.fund,
      period: fund.period,
      currency: 'USD',
      amount: usd(credit),
      reason: 'claims bench balance',
    });
    expectStatus(requested, 201, `adjustment for ${partnerId}`);
    // Adjustments of one program period race for its ledger; a 412 leaves it requested: approve again.
    let approved = await approve(requested.json.adjustmentId);
    for (let attempt = 1; approved.status === 412 && attempt < 20; attempt++) {
      approved = await approve(requested.json.adjustmentId);
    }
    expectStatus(approved, 200, `approve adjustment for ${partnerId}`);
  });
}
