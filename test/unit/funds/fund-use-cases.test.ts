import { describe, expect, it } from 'vitest';
import { allocateFund, listFunds } from '../../../domain/funds/allocate-fund';
import { expireFunds } from '../../../domain/funds/expire-funds';
import {
  requestEvidenceUpload,
  reviewFundClaim,
  submitFundClaim,
} from '../../../domain/funds/fund-claim-use-cases';
import { fundRequestInputSchema } from '../../../domain/funds/fund-request';
import {
  decideFundRequest,
  submitFundRequest,
  submitFundRequestOnce,
} from '../../../domain/funds/fund-request-use-cases';
import { fundUtilization } from '../../../domain/funds/fund-utilization';
import { BusinessRuleError, NotFoundError, StateConflictError } from '../../../domain/shared/errors';
import { approver, channelManager, finance, partnerUser } from '../../support/actors';
import { fundDeps, mdf } from './fund-deps';

const request = (fundId: string, overrides: Record<string, unknown> = {}) =>
  fundRequestInputSchema.parse({
    fundId,
    activityType: 'event',
    description: 'Spring roadshow',
    startDate: '2026-04-01',
    endDate: '2026-04-03',
    plannedCost: '3000.00',
    sharePercent: '50',
    ...overrides,
  });

const p1 = partnerUser('P1');
const p2 = partnerUser('P2');

/** A fund, an approved request of 1,500.00 at 50 %, and an uploaded PDF for it. */
async function approvedRequest() {
  const setup = fundDeps();
  const fund = await allocateFund(setup.deps, channelManager, mdf());
  const submitted = await submitFundRequest(setup.deps, p1, request(fund.fundId));
  const approved = await decideFundRequest(setup.deps, approver, submitted.requestId, {
    decision: 'approve',
  });
  const ticket = await requestEvidenceUpload(setup.deps, p1, approved.requestId, {
    fileName: 'invoice.pdf',
    contentType: 'application/pdf',
    sizeBytes: 2048,
  });
  setup.evidence.objects.set(ticket.key, { sizeBytes: 2048, contentType: 'application/pdf' });
  return { ...setup, fund, approved, evidenceKey: ticket.key };
}

describe('funds: allocation → request → approval → proof of performance → review', () => {
  it('a channel manager allocates 10,000.00 USD of MDF to P1; P1 sees it, P2 does not', async () => {
    const { deps } = fundDeps();
    const fund = await allocateFund(deps, channelManager, mdf());
    expect(fund).toMatchObject({ kind: 'discretionary', status: 'active', expiresOn: '2026-08-29' });
    expect(fund.balances.allocated).toBe(1_000_000n);
    expect((await listFunds(deps, p1, {})).map((each) => each.fundId)).toEqual([fund.fundId]);
    expect(await listFunds(deps, p2, { partnerId: 'P1' })).toEqual([]);
    await expect(allocateFund(deps, p1, mdf())).rejects.toThrow(/may not/);
    await expect(allocateFund(deps, channelManager, mdf({ partnerId: 'NOPE' }))).rejects.toBeInstanceOf(
      BusinessRuleError,
    );
  });

  it('an accrual fund is the co-op program period’s earned balance not yet claimed: 4,000.00 USD', async () => {
    const { deps } = fundDeps();
    const fund = await allocateFund(
      deps,
      channelManager,
      mdf({ kind: 'accrual', amount: undefined, programId: 'COOP-2026' }),
    );
    expect(fund.balances.allocated).toBe(400_000n);
    await expect(
      allocateFund(deps, channelManager, mdf({ kind: 'accrual', amount: undefined, programId: 'OTHER' })),
    ).rejects.toThrow(/Nothing to allocate/);
  });

  it('3,000.00 planned at 50 % asks 1,500.00; approval reserves it; another partner’s fund is a 404', async () => {
    const { deps, funds } = fundDeps();
    const fund = await allocateFund(deps, channelManager, mdf());
    const submitted = await submitFundRequest(deps, p1, request(fund.fundId));
    expect(submitted).toMatchObject({
      status: 'submitted',
      requestedAmount: '1500.00',
      claimBy: '2026-06-02',
    });
    await expect(submitFundRequest(deps, p2, request(fund.fundId))).rejects.toBeInstanceOf(NotFoundError);
    await expect(decideFundRequest(deps, p1, submitted.requestId, { decision: 'approve' })).rejects.toThrow(
      /may not/,
    );
    const approved = await decideFundRequest(deps, approver, submitted.requestId, { decision: 'approve' });
    expect(approved).toMatchObject({ status: 'approved', approvedAmount: '1500.00' });
    expect(funds.funds.get(fund.fundId)?.balances.reserved).toBe(150_000n);
    await expect(
      decideFundRequest(deps, approver, submitted.requestId, { decision: 'approve' }),
    ).rejects.toBeInstanceOf(StateConflictError);
  });

  it('a repeated submit with the same Idempotency-Key answers the first request; the key reused for another is a conflict', async () => {
    const { deps, funds, started } = fundDeps();
    const fund = await allocateFund(deps, channelManager, mdf());
    const first = await submitFundRequestOnce(deps, p1, request(fund.fundId), 'roadshow-1');
    const again = await submitFundRequestOnce(deps, p1, request(fund.fundId), 'roadshow-1');
    expect([first.created, again.created]).toEqual([true, false]);
    expect(again.request).toEqual(first.request);
    expect(funds.requests.size).toBe(1);
    // Each submit (re)starts the one approval workflow named after the request: starting it is idempotent.
    const subject = { kind: 'fundRequest', id: first.request.requestId };
    expect(started).toEqual([subject, subject]);
    await expect(
      submitFundRequestOnce(deps, p1, request(fund.fundId, { plannedCost: '100.00' }), 'roadshow-1'),
    ).rejects.toBeInstanceOf(StateConflictError);
    expect((await submitFundRequestOnce(deps, p1, request(fund.fundId), 'roadshow-2')).created).toBe(true);
  });

  it('requests outside the validity or against an expired fund are refused (422)', async () => {
    const { deps, now } = fundDeps();
    const fund = await allocateFund(deps, channelManager, mdf());
    await expect(
      submitFundRequest(deps, p1, request(fund.fundId, { endDate: '2026-07-02' })),
    ).rejects.toThrow(/outside the fund’s validity/);
    now('2026-07-01T08:00:00.000Z');
    await expect(submitFundRequest(deps, p1, request(fund.fundId))).rejects.toThrow(/takes no more requests/);
  });

  it('approval never overdraws: 8,000.00 + 3,000.00 of a 10,000.00 fund → the second is refused (422)', async () => {
    const { deps } = fundDeps();
    const fund = await allocateFund(deps, channelManager, mdf());
    const big = await submitFundRequest(deps, p1, request(fund.fundId, { plannedCost: '16000.00' }));
    const second = await submitFundRequest(deps, p1, request(fund.fundId, { plannedCost: '6000.00' }));
    await decideFundRequest(deps, approver, big.requestId, { decision: 'approve' });
    await expect(
      decideFundRequest(deps, approver, second.requestId, { decision: 'approve' }),
    ).rejects.toThrow(BusinessRuleError);
    const partial = await decideFundRequest(deps, approver, second.requestId, {
      decision: 'approve',
      amount: '2000.00',
    });
    expect(partial.approvedAmount).toBe('2000.00');
    expect((await fundUtilization(deps, p1, fund.fundId)).available).toBe('0.00');
  });

  it('a rejection keeps the reason and reserves nothing', async () => {
    const { deps, funds } = fundDeps();
    const fund = await allocateFund(deps, channelManager, mdf());
    const submitted = await submitFundRequest(deps, p1, request(fund.fundId));
    const rejected = await decideFundRequest(deps, approver, submitted.requestId, {
      decision: 'reject',
      reason: 'off brand',
    });
    expect(rejected.status).toBe('rejected');
    expect(rejected.history.at(-1)?.reason).toBe('off brand');
    expect(funds.funds.get(fund.fundId)?.balances.reserved).toBe(0n);
  });

  it('actual 2,400.00 claims 1,200.00; approval settles: 1,200.00 claimed, 300.00 released, an approved mdf claim to pay', async () => {
    const { deps, funds, claims, fund, approved, evidenceKey } = await approvedRequest();
    const claim = await submitFundClaim(deps, p1, approved.requestId, {
      actualCost: '2400.00',
      evidence: [evidenceKey],
    });
    expect(claim).toMatchObject({ status: 'submitted', payable: '1200.00', amountClaimed: '1200.00' });
    const reviewed = await reviewFundClaim(deps, finance, claim.fundClaimId, { decision: 'approve' });
    expect(reviewed).toMatchObject({ status: 'approved', amountApproved: '1200.00' });
    expect(funds.funds.get(fund.fundId)?.balances).toEqual({
      allocated: 1_000_000n,
      reserved: 0n,
      claimed: 120_000n,
      expired: 0n,
    });
    expect(funds.requests.get(approved.requestId)?.status).toBe('closed');
    expect(claims.claims.get(`CLM-MDF-${claim.fundClaimId}`)).toMatchObject({
      type: 'mdf',
      status: 'approved',
      amountApproved: '1200.00',
      programId: fund.fundId,
      period: 'FY2026',
    });
    expect(funds.movements.map((movement) => [movement.kind, movement.amount])).toEqual([
      ['allocation', '10000.00'],
      ['reservation', '1500.00'],
      ['claim', '1200.00'],
      ['release', '300.00'],
    ]);
    await expect(
      reviewFundClaim(deps, finance, claim.fundClaimId, { decision: 'approve' }),
    ).rejects.toBeInstanceOf(StateConflictError);
  });

  it('actual 3,600.00 is capped at the approved 1,500.00; a partial approval of 1,000.00 releases the rest', async () => {
    const { deps, funds, claims, fund, approved, evidenceKey } = await approvedRequest();
    const claim = await submitFundClaim(deps, p1, approved.requestId, {
      actualCost: '3600.00',
      evidence: [evidenceKey],
    });
    expect(claim.amountClaimed).toBe('1500.00');
    const reviewed = await reviewFundClaim(deps, approver, claim.fundClaimId, {
      decision: 'partial',
      amount: '1000.00',
      reason: 'one invoice is not the activity’s',
    });
    expect(reviewed).toMatchObject({ status: 'partiallyApproved', amountApproved: '1000.00' });
    expect(claims.claims.get(`CLM-MDF-${claim.fundClaimId}`)?.status).toBe('partiallyApproved');
    expect((await fundUtilization(deps, p1, fund.fundId)).available).toBe('9000.00');
    expect(funds.funds.get(fund.fundId)?.balances.claimed).toBe(100_000n);
  });

  it('bad claims: above the approved amount, above the share, foreign or missing evidence → 422; another partner → 404', async () => {
    const { deps, evidence, approved, evidenceKey } = await approvedRequest();
    await expect(
      submitFundClaim(deps, p1, approved.requestId, {
        actualCost: '4000.00',
        amount: '1600.00',
        evidence: [evidenceKey],
      }),
    ).rejects.toThrow(
      expect.objectContaining({
        issues: [
          expect.objectContaining({
            path: 'amount',
            message: expect.stringMatching(/approved amount 1500.00/),
          }),
        ],
      }),
    );
    await expect(
      submitFundClaim(deps, p1, approved.requestId, {
        actualCost: '2000.00',
        amount: '1100.00',
        evidence: [evidenceKey],
      }),
    ).rejects.toThrow(
      expect.objectContaining({
        issues: [expect.objectContaining({ message: expect.stringMatching(/50 % of the actual cost/) })],
      }),
    );
    await expect(
      submitFundClaim(deps, p1, approved.requestId, {
        actualCost: '2000.00',
        evidence: ['evidence/P2/x/y.pdf'],
      }),
    ).rejects.toBeInstanceOf(BusinessRuleError);
    await expect(
      submitFundClaim(deps, p1, approved.requestId, {
        actualCost: '2000.00',
        evidence: [`${evidenceKey}-missing`],
      }),
    ).rejects.toThrow(
      expect.objectContaining({
        issues: [expect.objectContaining({ message: 'nothing was uploaded under this key' })],
      }),
    );
    evidence.objects.set(`${evidenceKey}.exe`, { sizeBytes: 10, contentType: 'application/x-msdownload' });
    await expect(
      submitFundClaim(deps, p1, approved.requestId, {
        actualCost: '2000.00',
        evidence: [`${evidenceKey}.exe`],
      }),
    ).rejects.toBeInstanceOf(BusinessRuleError);
    await expect(
      submitFundClaim(deps, p2, approved.requestId, { actualCost: '2000.00', evidence: [evidenceKey] }),
    ).rejects.toBeInstanceOf(NotFoundError);
    const claim = await submitFundClaim(deps, p1, approved.requestId, {
      actualCost: '2000.00',
      evidence: [evidenceKey],
    });
    await expect(
      submitFundClaim(deps, p1, approved.requestId, { actualCost: '2000.00', evidence: [evidenceKey] }),
    ).rejects.toBeInstanceOf(StateConflictError);
    expect(claim.amountClaimed).toBe('1000.00');
  });

  it('a rejected claim gives the request back to the partner, reservation held, to claim again', async () => {
    const { deps, funds, fund, approved, evidenceKey } = await approvedRequest();
    const claim = await submitFundClaim(deps, p1, approved.requestId, {
      actualCost: '2400.00',
      evidence: [evidenceKey],
    });
    await reviewFundClaim(deps, approver, claim.fundClaimId, {
      decision: 'reject',
      reason: 'photos do not show our logo',
    });
    expect(funds.requests.get(approved.requestId)?.status).toBe('approved');
    expect(funds.funds.get(fund.fundId)?.balances.reserved).toBe(150_000n);
    const again = await submitFundClaim(deps, p1, approved.requestId, {
      actualCost: '2400.00',
      evidence: [evidenceKey],
    });
    expect(again.status).toBe('submitted');
  });
});

describe('an accrual fund shares its co-op checkbook with rebate and co-op claims', () => {
  const scope = JSON.stringify({
    partnerId: 'P1',
    programId: 'COOP-2026',
    period: 'FY2026',
    fund: 'coop',
    currency: 'USD',
  });
  const accrual = () => mdf({ kind: 'accrual', amount: undefined, programId: 'COOP-2026' });

  it('approval reserves in the checkbook too, and is refused when claims hold the balance (4,000.00 earned, 3,000.00 held)', async () => {
    const { deps, funds } = fundDeps();
    const fund = await allocateFund(deps, channelManager, accrual());
    const first = await submitFundRequest(deps, p1, request(fund.fundId));
    await decideFundRequest(deps, approver, first.requestId, { decision: 'approve' });
    expect(funds.checkbookDraws.get(scope)).toEqual({ reserved: 150_000n, settled: 0n });
    // Co-op claims submitted through POST /claims meanwhile hold another 2,000.00 of the same balance.
    funds.checkbookDraws.set(scope, { reserved: 350_000n, settled: 0n });
    const second = await submitFundRequest(deps, p1, request(fund.fundId, { plannedCost: '2000.00' }));
    await expect(
      decideFundRequest(deps, approver, second.requestId, { decision: 'approve' }),
    ).rejects.toThrow(
      expect.objectContaining({
        issues: [
          expect.objectContaining({ message: expect.stringMatching(/co-op balance of COOP-2026 FY2026/) }),
        ],
      }),
    );
    expect(funds.funds.get(fund.fundId)?.balances.reserved).toBe(150_000n);
  });

  it('settlement moves the checkbook reservation to settled (1,200.00), the rest released; expiry releases it all', async () => {
    const { deps, funds, evidence, now } = fundDeps();
    const fund = await allocateFund(deps, channelManager, accrual());
    const settled = await submitFundRequest(deps, p1, request(fund.fundId));
    await decideFundRequest(deps, approver, settled.requestId, { decision: 'approve' });
    const ticket = await requestEvidenceUpload(deps, p1, settled.requestId, {
      fileName: 'a.pdf',
      contentType: 'application/pdf',
      sizeBytes: 5,
    });
    evidence.objects.set(ticket.key, { sizeBytes: 5, contentType: 'application/pdf' });
    const claim = await submitFundClaim(deps, p1, settled.requestId, {
      actualCost: '2400.00',
      evidence: [ticket.key],
    });
    await reviewFundClaim(deps, approver, claim.fundClaimId, { decision: 'approve' });
    expect(funds.checkbookDraws.get(scope)).toEqual({ reserved: 0n, settled: 120_000n });
    const unclaimed = await submitFundRequest(deps, p1, request(fund.fundId, { plannedCost: '1000.00' }));
    await decideFundRequest(deps, approver, unclaimed.requestId, { decision: 'approve' });
    expect(funds.checkbookDraws.get(scope)).toEqual({ reserved: 50_000n, settled: 120_000n });
    now('2026-06-03T01:00:00.000Z');
    await expireFunds(deps, '2026-06-03');
    expect(funds.checkbookDraws.get(scope)).toEqual({ reserved: 0n, settled: 120_000n });
  });
});

describe('expiry (the daily job)', () => {
  it('an unclaimed approved request expires after its claim date and its 1,500.00 returns to the fund', async () => {
    const { deps, funds, now, fund, approved } = await approvedRequest();
    now('2026-06-02T23:00:00.000Z');
    expect(await expireFunds(deps, '2026-06-02')).toEqual({ requestsExpired: 0, fundsExpired: 0 });
    expect(await expireFunds(deps, '2026-06-03')).toEqual({ requestsExpired: 1, fundsExpired: 0 });
    expect(funds.requests.get(approved.requestId)?.status).toBe('expired');
    expect(funds.funds.get(fund.fundId)?.balances.reserved).toBe(0n);
    expect(await expireFunds(deps, '2026-06-03')).toEqual({ requestsExpired: 0, fundsExpired: 0 });
  });

  it('a fund past its expiry releases its unspent balance as expired, posted once; a claim in review keeps its reservation', async () => {
    const { deps, funds, fund, approved, evidenceKey, now } = await approvedRequest();
    const claim = await submitFundClaim(deps, p1, approved.requestId, {
      actualCost: '2400.00',
      evidence: [evidenceKey],
    });
    now('2026-08-30T02:00:00.000Z');
    expect(await expireFunds(deps, '2026-08-30')).toEqual({ requestsExpired: 0, fundsExpired: 1 });
    const expired = funds.funds.get(fund.fundId);
    expect(expired?.status).toBe('expired');
    expect(expired?.balances).toEqual({
      allocated: 1_000_000n,
      reserved: 150_000n,
      claimed: 0n,
      expired: 850_000n,
    });
    expect(await expireFunds(deps, '2026-08-31')).toEqual({ requestsExpired: 0, fundsExpired: 0 });
    await reviewFundClaim(deps, approver, claim.fundClaimId, { decision: 'approve' });
    const view = await fundUtilization(deps, p1, fund.fundId);
    expect(view).toMatchObject({
      claimed: '1200.00',
      expired: '8800.00',
      reserved: '0.00',
      available: '0.00',
    });
    expect(
      funds.movements.filter((movement) => movement.kind === 'expiry').map((movement) => movement.amount),
    ).toEqual(['8500.00', '300.00']);
  });

  it('utilization counts a settled claim as paid once its payment batch paid it', async () => {
    const { deps, claims, fund, approved, evidenceKey } = await approvedRequest();
    const claim = await submitFundClaim(deps, p1, approved.requestId, {
      actualCost: '2400.00',
      evidence: [evidenceKey],
    });
    await reviewFundClaim(deps, approver, claim.fundClaimId, { decision: 'approve' });
    const settlement = claims.claims.get(`CLM-MDF-${claim.fundClaimId}`);
    if (settlement === undefined) throw new Error('no settlement claim');
    claims.claims.set(settlement.claimId, { ...settlement, status: 'paid' });
    expect(await fundUtilization(deps, p1, fund.fundId)).toMatchObject({
      claimed: '1200.00',
      paid: '1200.00',
    });
    await expect(fundUtilization(deps, p2, fund.fundId)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('an accrual fund’s settled claim is posted to the co-op program ledger like a rebate claim', async () => {
    const { deps, ledger, evidence } = fundDeps();
    const fund = await allocateFund(
      deps,
      channelManager,
      mdf({ kind: 'accrual', amount: undefined, programId: 'COOP-2026' }),
    );
    const submitted = await submitFundRequest(deps, p1, request(fund.fundId));
    await decideFundRequest(deps, approver, submitted.requestId, { decision: 'approve' });
    const ticket = await requestEvidenceUpload(deps, p1, submitted.requestId, {
      fileName: 'a.png',
      contentType: 'image/png',
      sizeBytes: 10,
    });
    evidence.objects.set(ticket.key, { sizeBytes: 10, contentType: 'image/png' });
    const claim = await submitFundClaim(deps, p1, submitted.requestId, {
      actualCost: '2400.00',
      evidence: [ticket.key],
    });
    await reviewFundClaim(deps, approver, claim.fundClaimId, { decision: 'approve' });
    const postings = await ledger.checkbookPostings('P1', 'COOP-2026');
    expect(
      postings.filter((each) => each.kind === 'claim').map((each) => [each.amount, each.fund, each.period]),
    ).toEqual([['1200.00', 'coop', 'FY2026']]);
  });
});
