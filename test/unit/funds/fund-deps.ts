import type { ApprovalPolicyRecord } from '../../../domain/approvals/approval-policy-use-cases';
import type { RequestSubjectRef } from '../../../domain/approvals/approval-subject';
import type { RequestApprovalStarting } from '../../../domain/approvals/ports';
import { type FundAllocation, fundAllocationSchema } from '../../../domain/funds/fund';
import { fundRequestInputSchema } from '../../../domain/funds/fund-request';
import type { FundDeps } from '../../../domain/funds/ports';
import { fixedClock, InMemoryRecordStore } from '../../support/in-memory-record-store';
import { InMemoryAccrualLedger } from '../accrual-runs/fakes';
import { creditFrom, InMemoryClaimStore } from '../claims/fakes';
import { posting } from '../ledger/builders';
import { paidPartner } from '../payments/builders';
import { InMemoryEvidence, InMemoryFundStore } from './fakes';

const noBookDraws = { reserved: 0n, settled: 0n };

/**
 * Fund dependencies in memory: partners P1 and P2 active, P1 earned 4,000.00 USD of co-op on program
 * COOP-2026 in FY2026. Ids are 1, 2, 3… (funds FND-1, requests FRQ-2, …). `now` moves the clock; `started`
 * lists the approval workflows submits started.
 */
export function fundDeps(start = '2026-03-01T09:00:00.000Z') {
  const claims = new InMemoryClaimStore();
  const funds = new InMemoryFundStore(claims);
  const evidence = new InMemoryEvidence();
  const ledger = new InMemoryAccrualLedger().seed(
    posting('accrual', {
      programId: 'COOP-2026',
      period: 'FY2026',
      fund: 'coop',
      currency: 'USD',
      beneficiaryPartnerId: 'P1',
      partnerId: 'P1',
      amount: '4000.00',
    }),
  );
  const partners = new Map([
    ['P1', paidPartner('P1')],
    ['P2', paidPartner('P2')],
  ]);
  const approvalPolicies = new InMemoryRecordStore<ApprovalPolicyRecord>((policy) => policy.policyId);
  let ids = 0;
  let clock = fixedClock(start);
  /** The approval workflows the submits started. */
  const started: RequestSubjectRef[] = [];
  const deps: FundDeps & RequestApprovalStarting = {
    approvalWorkflow: { start: async (subject) => void started.push(subject) },
    funds,
    claims,
    partners: { get: async (id: string) => partners.get(id) },
    // The co-op checkbook's credit from the ledger, its draws as the fund store's commits moved them.
    claimFunds: {
      balance: async (scope) => {
        const { reserved, settled } = funds.checkbookDraws.get(JSON.stringify(scope)) ?? noBookDraws;
        const draws = { reserved, settled, drawn: reserved + settled };
        return { credited: await creditFrom(ledger, scope), draws };
      },
    },
    postings: ledger,
    evidence,
    approvalPolicies,
    clock: () => clock(),
    newId: () => String(++ids),
    keyedId: (partnerId: string, key: string) => `${partnerId}-${key}`.toUpperCase(),
  };
  return {
    deps,
    funds,
    claims,
    evidence,
    ledger,
    approvalPolicies,
    started,
    now: (at: string) => {
      clock = fixedClock(at);
    },
  };
}

/** A 10,000.00 USD MDF allocation to P1 for 2026 H1 (60-day claim window), with `overrides`. */
export const mdf = (overrides: Partial<FundAllocation> = {}): FundAllocation =>
  fundAllocationSchema.parse({
    kind: 'discretionary',
    partnerId: 'P1',
    name: 'MDF 2026 H1',
    period: 'FY2026',
    currency: 'USD',
    amount: '10000.00',
    validFrom: '2026-01-01',
    validTo: '2026-06-30',
    claimWindowDays: 60,
    ...overrides,
  });

/** P1's request on `fundId`: search ads in April 2026 costing `plannedCost`, half paid by the fund. */
export const requestOf = (fundId: string, plannedCost: string) =>
  fundRequestInputSchema.parse({
    fundId,
    activityType: 'digital',
    description: 'Search ads',
    startDate: '2026-04-01',
    endDate: '2026-04-30',
    plannedCost,
    sharePercent: '50',
  });
