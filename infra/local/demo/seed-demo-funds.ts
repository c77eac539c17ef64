import type { Actor } from '../../../domain/access/actor';
import type { RequestApprovalStarting } from '../../../domain/approvals/ports';
import { allocateFund, listFunds } from '../../../domain/funds/allocate-fund';
import { expireFunds } from '../../../domain/funds/expire-funds';
import { addDays, fundAllocationSchema } from '../../../domain/funds/fund';
import {
  requestEvidenceUpload,
  reviewFundClaim,
  submitFundClaim,
} from '../../../domain/funds/fund-claim-use-cases';
import { fundRequestInputSchema } from '../../../domain/funds/fund-request';
import { submitFundRequest } from '../../../domain/funds/fund-request-use-cases';
import type { FundDeps } from '../../../domain/funds/ports';
import type { FundClaimReview } from '../../../domain/funds/proof-of-performance';
import { type DemoApprovals, decideDemoRequest } from './decide-demo-request';

const partner: Actor = { userId: 'demo-partner-dist-north', role: 'partner', partnerId: 'DIST-NORTH' };
const channelManager: Actor = { userId: 'demo-channel-manager', role: 'channel_manager' };
const approver: Actor = { userId: 'demo-approver', role: 'approver' };
const finance: Actor = { userId: 'demo-finance', role: 'finance' };

/** The demo's first fund: when it exists, an earlier start seeded the funds. */
export const demoFundName = 'Demo MDF (DIST-NORTH)';

export interface SeededFundRequest {
  readonly requestId: string;
  readonly fundId: string;
  readonly status: string;
}

/** What a request is taken to: its decision, then (approved) its claim and the claim's review. */
interface DemoRequest {
  readonly description: string;
  readonly plannedCost: string;
  readonly decision?: 'approve' | 'reject';
  readonly actualCost?: string;
  readonly review?: FundClaimReview;
}

async function uploadEvidence(deps: FundDeps, requestId: string): Promise<string> {
  const pdf = Buffer.from(`%PDF-1.4\n% demo proof of performance for ${requestId}\n%%EOF\n`);
  const ticket = await requestEvidenceUpload(deps, partner, requestId, {
    fileName: 'proof.pdf',
    contentType: 'application/pdf',
    sizeBytes: pdf.length,
  });
  const put = await fetch(ticket.uploadUrl, {
    method: 'PUT',
    headers: { ...ticket.requiredHeaders, 'content-length': String(pdf.length) },
    body: pdf,
  });
  if (!put.ok) throw new Error(`Demo seed: evidence upload answered ${put.status}`);
  return ticket.key;
}

/** What the fund seeds use: the fund use cases, the request workflow they start, and the approvals inbox. */
export type SeedFundsDeps = FundDeps & RequestApprovalStarting & { readonly approvals: DemoApprovals };

async function seedRequest(deps: SeedFundsDeps, fundId: string, start: string, spec: DemoRequest) {
  const request = await submitFundRequest(
    deps,
    partner,
    fundRequestInputSchema.parse({
      fundId,
      activityType: 'event',
      description: spec.description,
      startDate: start,
      endDate: addDays(start, 2),
      plannedCost: spec.plannedCost,
      sharePercent: '50',
    }),
  );
  if (spec.decision === undefined) return request.requestId;
  await decideDemoRequest(
    deps.approvals,
    approver,
    { kind: 'fundRequest', id: request.requestId },
    spec.decision === 'approve'
      ? { decision: 'approve' }
      : { decision: 'reject', reason: 'Not in this year’s plan' },
  );
  if (spec.actualCost === undefined) return request.requestId;
  const key = await uploadEvidence(deps, request.requestId);
  const claim = await submitFundClaim(deps, partner, request.requestId, {
    actualCost: spec.actualCost,
    evidence: [key],
  });
  if (spec.review !== undefined) await reviewFundClaim(deps, finance, claim.fundClaimId, spec.review);
  return request.requestId;
}

/**
 * Seeds DIST-NORTH's demo funds through the use cases the API runs: a USD MDF budget with requests submitted,
 * approved, rejected and claimed (in review); a CAD budget whose claims were approved and partially approved
 * (their `mdf` claims wait for a CAD payment batch, apart from the USD demo batches); and a past USD budget
 * whose approved request and unspent balance the expiry job released. Idempotent: when the first demo fund
 * exists, an earlier start seeded them.
 */
export async function seedDemoFunds(deps: SeedFundsDeps): Promise<SeededFundRequest[]> {
  if (
    (await listFunds(deps, channelManager, { partnerId: 'DIST-NORTH' })).some(
      (fund) => fund.name === demoFundName,
    )
  ) {
    return [];
  }
  const today = deps.clock().toISOString().slice(0, 10);
  const allocate = (
    name: string,
    currency: 'USD' | 'CAD',
    amount: string,
    validity: readonly [string, string],
    by: FundDeps = deps,
  ) =>
    allocateFund(
      by,
      channelManager,
      fundAllocationSchema.parse({
        kind: 'discretionary',
        partnerId: 'DIST-NORTH',
        name,
        period: `FY${today.slice(0, 4)}`,
        currency,
        amount,
        validFrom: validity[0],
        validTo: validity[1],
        claimWindowDays: 30,
      }),
    );
  const current = await allocate(demoFundName, 'USD', '20000.00', [addDays(today, -30), addDays(today, 120)]);
  const cad = await allocate('Demo MDF CAD (DIST-NORTH)', 'CAD', '5000.00', [
    addDays(today, -30),
    addDays(today, 120),
  ]);
  const requestIds = [
    await seedRequest(deps, current.fundId, addDays(today, 10), {
      description: 'Trade show booth',
      plannedCost: '6000.00',
    }),
    await seedRequest(deps, current.fundId, addDays(today, 5), {
      description: 'Spring print campaign',
      plannedCost: '4000.00',
      decision: 'approve',
    }),
    await seedRequest(deps, current.fundId, addDays(today, 20), {
      description: 'Golf day',
      plannedCost: '8000.00',
      decision: 'reject',
    }),
    await seedRequest(deps, current.fundId, today, {
      description: 'Partner webinar series',
      plannedCost: '3000.00',
      decision: 'approve',
      actualCost: '2400.00',
    }),
    await seedRequest(deps, cad.fundId, today, {
      description: 'Customer evening',
      plannedCost: '3000.00',
      decision: 'approve',
      actualCost: '2400.00',
      review: { decision: 'approve' },
    }),
    await seedRequest(deps, cad.fundId, today, {
      description: 'Search ads',
      plannedCost: '2000.00',
      decision: 'approve',
      actualCost: '2000.00',
      review: { decision: 'partial', amount: '800.00', reason: 'One invoice is for another campaign' },
    }),
  ];
  // A past budget: requested and approved back then, never claimed; today's expiry run releases it all.
  const past = new Date(`${addDays(today, -150)}T12:00:00.000Z`);
  const then: SeedFundsDeps = { ...deps, clock: () => past };
  const expired = await allocate(
    'Demo MDF last season (DIST-NORTH)',
    'USD',
    '3000.00',
    [addDays(today, -160), addDays(today, -100)],
    then,
  );
  requestIds.push(
    await seedRequest(then, expired.fundId, addDays(today, -140), {
      description: 'Holiday mailer',
      plannedCost: '2000.00',
      decision: 'approve',
    }),
  );
  await expireFunds(deps, today);
  return Promise.all(
    requestIds.map(async (requestId) => {
      const request = await deps.funds.getRequest(requestId);
      return { requestId, fundId: request?.fundId ?? '', status: request?.status ?? 'unknown' };
    }),
  );
}
