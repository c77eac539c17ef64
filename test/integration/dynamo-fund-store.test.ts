import { beforeAll, describe, expect, it } from 'vitest';
import type { RequestApprovalStarting } from '../../domain/approvals/ports';
import { reservationLimit } from '../../domain/claims/claim-fund';
import { allocateFund } from '../../domain/funds/allocate-fund';
import { expireFunds } from '../../domain/funds/expire-funds';
import type { FundAllocation } from '../../domain/funds/fund';
import {
  requestEvidenceUpload,
  reviewFundClaim,
  submitFundClaim,
} from '../../domain/funds/fund-claim-use-cases';
import { fundRequestInputSchema } from '../../domain/funds/fund-request';
import { decideFundRequest, submitFundRequest } from '../../domain/funds/fund-request-use-cases';
import type { FundDeps } from '../../domain/funds/ports';
import { BusinessRuleError } from '../../domain/shared/errors';
import { approvalPolicyStore } from '../../functions/adapters/approval-policy-store';
import { DynamoAccrualLedger } from '../../functions/adapters/dynamo-accrual-ledger';
import { DynamoClaimFunds } from '../../functions/adapters/dynamo-claim-funds';
import { DynamoClaimStore } from '../../functions/adapters/dynamo-claim-store';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { DynamoFundStore } from '../../functions/adapters/dynamo-fund-store';
import { masterDataStores } from '../../functions/adapters/master-data-stores';
import { loadConfig } from '../../functions/shared/config';
import { approver, channelManager, finance, partnerUser } from '../support/actors';
import { fundStoreContract } from '../support/fund-store-contract';
import { createTestTable } from '../support/test-table';
import { claim as claimOf } from '../unit/claims/builders';
import { InMemoryEvidence } from '../unit/funds/fakes';
import { mdf, requestOf } from '../unit/funds/fund-deps';
import { posting } from '../unit/ledger/builders';
import { paidPartner } from '../unit/payments/builders';

let deps: FundDeps & RequestApprovalStarting;
let store: DynamoFundStore;
let claims: DynamoClaimStore;
let evidence: InMemoryEvidence;
let claimFunds: DynamoClaimFunds;
let today = '2026-03-01T09:00:00.000Z';
let ids = 0;

beforeAll(async () => {
  await createTestTable();
  const config = loadConfig();
  const client = createDocumentClient(config);
  const partners = masterDataStores(client, config.TABLE_NAME).partners;
  await partners.create(paidPartner('P1'));
  await partners.create(paidPartner('P2'));
  store = new DynamoFundStore(client, config.TABLE_NAME);
  claims = new DynamoClaimStore(client, config.TABLE_NAME);
  evidence = new InMemoryEvidence();
  claimFunds = new DynamoClaimFunds(client, config.TABLE_NAME);
  const ledger = new DynamoAccrualLedger(client, config.TABLE_NAME);
  deps = {
    approvalWorkflow: { start: async () => undefined },
    funds: store,
    claims,
    partners,
    claimFunds,
    postings: ledger,
    evidence,
    approvalPolicies: approvalPolicyStore(client, config.TABLE_NAME),
    clock: () => new Date(today),
    newId: () => `T${String(++ids).padStart(5, '0')}`,
    keyedId: (partnerId: string, key: string) => `${partnerId}-${key}`.toUpperCase(),
  };
});

const p1 = partnerUser('P1');

const allocation = (amount: string, overrides: Partial<FundAllocation> = {}) => mdf({ amount, ...overrides });

describe('DynamoFundStore on DynamoDB Local', () => {
  it('24 concurrent approvals of 1,000.00 each against a 10,000.00 fund: exactly 10 reserve, the rest get 422', async () => {
    const fund = await allocateFund(deps, channelManager, allocation('10000.00'));
    const requests = [];
    for (let index = 0; index < 24; index++) {
      requests.push(await submitFundRequest(deps, p1, requestOf(fund.fundId, '2000.00')));
    }
    const outcomes = await Promise.allSettled(
      requests.map((request) =>
        decideFundRequest(deps, approver, request.requestId, { decision: 'approve' }),
      ),
    );
    const approved = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(approved).toHaveLength(10);
    expect(refused).toHaveLength(14);
    for (const reason of refused) expect(reason).toBeInstanceOf(BusinessRuleError);
    const stored = await store.getFund(fund.fundId);
    expect(stored?.balances).toEqual({
      allocated: 1_000_000n,
      reserved: 1_000_000n,
      claimed: 0n,
      expired: 0n,
    });
    const movements = await store.movementsOf(fund.fundId);
    expect(movements.filter((movement) => movement.kind === 'reservation')).toHaveLength(10);
    const statuses = (await store.listRequests({ fundId: fund.fundId })).map((request) => request.status);
    expect(statuses.filter((status) => status === 'approved')).toHaveLength(10);
    expect(statuses.filter((status) => status === 'submitted')).toHaveLength(14);
  });

  it('a two-level approval (12,000.00 > 10,000.00) keeps the approver’s signature in the table; two finance users racing reserve once', async () => {
    const fund = await allocateFund(deps, channelManager, allocation('20000.00'));
    const request = await submitFundRequest(deps, p1, requestOf(fund.fundId, '24000.00'));
    await decideFundRequest(deps, approver, request.requestId, { decision: 'approve' });
    const signed = await store.getRequest(request.requestId);
    expect(signed).toMatchObject({
      status: 'submitted',
      signatures: [{ level: 'approver', by: { userId: approver.userId }, amount: '12000.00' }],
    });
    const secondFinance = { userId: 'u-fin-2', role: 'finance' } as const;
    const outcomes = await Promise.allSettled(
      [finance, secondFinance].map((user) =>
        decideFundRequest(deps, user, request.requestId, { decision: 'approve' }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect((await store.getFund(fund.fundId))?.balances.reserved).toBe(1_200_000n);
    expect((await store.getRequest(request.requestId))?.status).toBe('approved');
  });

  it('two reviewers racing on one claim settle it once: one mdf claim, one claim movement', async () => {
    const fund = await allocateFund(deps, channelManager, allocation('5000.00'));
    const request = await submitFundRequest(deps, p1, requestOf(fund.fundId, '3000.00'));
    await decideFundRequest(deps, approver, request.requestId, { decision: 'approve' });
    const ticket = await requestEvidenceUpload(deps, p1, request.requestId, {
      fileName: 'ads.pdf',
      contentType: 'application/pdf',
      sizeBytes: 100,
    });
    evidence.objects.set(ticket.key, { sizeBytes: 100, contentType: 'application/pdf' });
    const claim = await submitFundClaim(deps, p1, request.requestId, {
      actualCost: '2400.00',
      evidence: [ticket.key],
    });
    const racers = await Promise.allSettled([
      reviewFundClaim(deps, approver, claim.fundClaimId, { decision: 'approve' }),
      reviewFundClaim(deps, finance, claim.fundClaimId, { decision: 'approve' }),
    ]);
    expect(racers.filter((racer) => racer.status === 'fulfilled')).toHaveLength(1);
    expect((await store.getFund(fund.fundId))?.balances).toEqual({
      allocated: 500_000n,
      reserved: 0n,
      claimed: 120_000n,
      expired: 0n,
    });
    expect(await claims.get(`CLM-MDF-${claim.fundClaimId}`)).toMatchObject({
      type: 'mdf',
      status: 'approved',
    });
    expect(await claims.withStatus('approved')).toEqual(
      expect.arrayContaining([expect.objectContaining({ claimId: `CLM-MDF-${claim.fundClaimId}` })]),
    );
    const kinds = (await store.movementsOf(fund.fundId)).map((movement) => movement.kind);
    expect(kinds.sort()).toEqual(['allocation', 'claim', 'release', 'reservation']);
    expect(await store.listClaims({ status: 'approved' })).toHaveLength(1);
    expect(await store.listClaims({ partnerId: 'P1' })).toHaveLength(1);
  });

  it('the expiry job finds due requests and funds through their sparse indexes, releases once, and posts the expiry', async () => {
    today = '2026-01-15T09:00:00.000Z';
    const fund = await allocateFund(
      deps,
      channelManager,
      allocation('800.00', {
        validFrom: '2026-02-01',
        validTo: '2026-02-28',
        claimWindowDays: 10,
        partnerId: 'P2',
      }),
    );
    const p2 = partnerUser('P2');
    today = '2026-02-10T09:00:00.000Z';
    const request = await submitFundRequest(
      deps,
      p2,
      fundRequestInputSchema.parse({
        ...requestOf(fund.fundId, '600.00'),
        startDate: '2026-02-11',
        endDate: '2026-02-12',
      }),
    );
    await decideFundRequest(deps, approver, request.requestId, { decision: 'approve' });
    expect((await store.requestsDueBefore('2026-02-23')).map((each) => each.requestId)).toContain(
      request.requestId,
    );
    expect((await store.requestsDueBefore('2026-02-22')).map((each) => each.requestId)).not.toContain(
      request.requestId,
    );
    today = '2026-03-11T01:00:00.000Z';
    const first = await expireFunds(deps, '2026-03-11');
    expect(first.requestsExpired).toBeGreaterThanOrEqual(1);
    expect(first.fundsExpired).toBeGreaterThanOrEqual(1);
    expect(await store.getRequest(request.requestId)).toMatchObject({ status: 'expired' });
    expect((await store.getFund(fund.fundId))?.balances).toEqual({
      allocated: 80_000n,
      reserved: 0n,
      claimed: 0n,
      expired: 80_000n,
    });
    expect((await store.fundsExpiringBefore('2026-12-31')).map((each) => each.fundId)).not.toContain(
      fund.fundId,
    );
    expect(await expireFunds(deps, '2026-03-12')).toEqual({ requestsExpired: 0, fundsExpired: 0 });
    const movements = await store.movementsOf(fund.fundId);
    // The release and the expiry share the job's timestamp; the journal is ordered by time only.
    expect(movements.map((movement) => `${movement.kind} ${movement.amount}`).sort()).toEqual([
      'allocation 800.00',
      'expiry 800.00',
      'release 300.00',
      'reservation 300.00',
    ]);
  });

  it('an accrual fund reserves on the co-op checkbook in the same transaction: claims holding it refuse the approval', async () => {
    today = '2026-03-01T09:00:00.000Z';
    await deps.postings.postIndependent(
      posting('adjustment', {
        postingId: 'adjustment-coop-p1',
        programId: 'COOP-2026',
        period: 'FY2026',
        fund: 'coop',
        currency: 'USD',
        beneficiaryPartnerId: 'P1',
        partnerId: 'P1',
        amount: '4000.00',
        postedOn: '2026-02-28',
      }),
    );
    const fund = await allocateFund(
      deps,
      channelManager,
      allocation('0', { kind: 'accrual', amount: undefined, programId: 'COOP-2026' }),
    );
    expect(fund.balances.allocated).toBe(400_000n);
    const scope = {
      partnerId: 'P1',
      programId: 'COOP-2026',
      period: 'FY2026',
      fund: 'coop' as const,
      currency: 'USD' as const,
    };
    // A co-op claim through POST /claims holds 2,000.00 of the same balance.
    const coop = claimOf({
      claimId: 'CLM-COOP-1',
      programId: 'COOP-2026',
      period: 'FY2026',
      fund: 'coop',
      amountClaimed: '2000.00',
      lines: [{ lineNumber: 1, amount: '2000.00', reference: 'COOP-INV-1', evidence: [] }],
    });
    expect(await claimFunds.reserve(coop, reservationLimit(400_000n, 200_000n))).toEqual({
      kind: 'reserved',
    });
    const tooMuch = await submitFundRequest(deps, p1, requestOf(fund.fundId, '5000.00'));
    await expect(
      decideFundRequest(deps, approver, tooMuch.requestId, { decision: 'approve' }),
    ).rejects.toBeInstanceOf(BusinessRuleError);
    const fits = await submitFundRequest(deps, p1, requestOf(fund.fundId, '3000.00'));
    await decideFundRequest(deps, approver, fits.requestId, { decision: 'approve' });
    expect(await claimFunds.draws(scope)).toEqual({ reserved: 350_000n, settled: 0n, drawn: 350_000n });
    expect((await store.getFund(fund.fundId))?.balances.reserved).toBe(150_000n);
  });
});

fundStoreContract('DynamoFundStore', async () => store);
