import type { ApprovalPolicyDeps } from '../approvals/approval-policy-use-cases';
import type { Claim, ClaimActor } from '../claims/claim';
import type { ClaimFundScope } from '../claims/claim-fund';
import type { ClaimFunds, ClaimStore } from '../claims/ports';
import type { EvidenceStore } from '../evidence/ports';
import type { LedgerPosting } from '../ledger/ledger-posting';
import type { PartnerData } from '../partners/partner';
import type { IsoDate } from '../shared/iso-date';
import type { Clock, RecordStore } from '../shared/ports';
import type { Fund, FundDelta, FundStatus } from './fund';
import type { FundRequest, FundRequestStatus } from './fund-request';
import type { FundClaim, FundClaimStatus } from './proof-of-performance';

export type { EvidenceStore } from '../evidence/ports';

/** What moved a fund's balance: posted once, never changed (a fund's own journal). */
export const fundMovementKinds = ['allocation', 'reservation', 'release', 'claim', 'expiry'] as const;
export type FundMovementKind = (typeof fundMovementKinds)[number];

export interface FundMovement {
  /** Derived from what caused it (`reservation-<requestId>`), so a retry cannot post it twice. */
  readonly movementId: string;
  readonly fundId: string;
  readonly kind: FundMovementKind;
  /** Positive amount in the fund's currency. */
  readonly amount: string;
  readonly at: string;
  readonly by: ClaimActor;
  readonly requestId?: string;
  readonly fundClaimId?: string;
  readonly note: string;
}

/**
 * One atomic change: the fund's balances move by `delta` (only while its status is `expectedStatus`, its
 * drawn amount ≤ `limit` when given, exactly `expectedDrawn` when given), together with the request, the
 * proof-of-performance claim, the settlement claim and the movements, or nothing at all.
 */
export interface FundTransaction {
  readonly fund: {
    readonly fundId: string;
    readonly expectedStatus: FundStatus;
    readonly delta: FundDelta;
    readonly limit?: bigint;
    readonly expectedDrawn?: bigint;
    readonly nextStatus?: FundStatus;
  };
  readonly request?: { readonly next: FundRequest; readonly expected: FundRequestStatus };
  /** `expected` null: the claim is new. */
  readonly fundClaim?: { readonly next: FundClaim; readonly expected: FundClaimStatus | null };
  /**
   * An accrual fund's share of the co-op checkbook it spends: the claim-fund draws of its program period
   * (domain/claims/claim-fund.ts) move with it — reserved by approval, settled by an approved claim — so that
   * rebate and co-op claims on the same balance and fund requests never take the same money twice. With a
   * limit, written only while the checkbook's drawn ≤ limit.
   */
  readonly checkbook?: {
    readonly scope: ClaimFundScope;
    readonly reserved: bigint;
    readonly settled: bigint;
    readonly limit?: bigint;
  };
  /** The approved `mdf` claim that payment batches pay. */
  readonly settlementClaim?: Claim;
  readonly movements: readonly FundMovement[];
}

/** `insufficientFunds`: the limit condition failed; `conflict`: something else changed first (read again). */
export type CommitOutcome = 'committed' | 'insufficientFunds' | 'conflict';

/** Which proof-of-performance claims a listing reads; absent filters mean any. */
export interface FundClaimFilter {
  readonly fundId?: string | undefined;
  readonly partnerId?: string | undefined;
  readonly status?: FundClaimStatus | undefined;
}

/** Where funds, their requests, proof-of-performance claims and movements are kept. */
export interface FundStore {
  /** Stores a new fund with its allocation movement; false when the id exists. */
  createFund(fund: Fund, allocation: FundMovement): Promise<boolean>;
  getFund(fundId: string): Promise<Fund | undefined>;
  /** Funds of one partner, or every fund, oldest first. */
  listFunds(partnerId: string | undefined): Promise<Fund[]>;
  /** Active funds whose expiry date is before `date`. */
  fundsExpiringBefore(date: IsoDate): Promise<Fund[]>;
  movementsOf(fundId: string): Promise<FundMovement[]>;
  createRequest(request: FundRequest): Promise<boolean>;
  getRequest(requestId: string): Promise<FundRequest | undefined>;
  /** Requests of one partner or one fund (or every request), oldest first. */
  listRequests(filter: {
    readonly partnerId?: string | undefined;
    readonly fundId?: string | undefined;
  }): Promise<FundRequest[]>;
  /** Open requests (submitted or approved) whose due date (see `dueOn`) is before `date`. */
  requestsDueBefore(date: IsoDate): Promise<FundRequest[]>;
  getClaim(fundClaimId: string): Promise<FundClaim | undefined>;
  /** Proof-of-performance claims of one fund, or one partner, or one status, or every one; oldest first. */
  listClaims(filter: FundClaimFilter): Promise<FundClaim[]>;
  commit(transaction: FundTransaction): Promise<CommitOutcome>;
}

export interface FundDeps {
  readonly funds: FundStore;
  /** Settlement claims: read for utilization (what payment batches paid). */
  readonly claims: Pick<ClaimStore, 'getAll'>;
  readonly partners: Pick<RecordStore<PartnerData>, 'get'>;
  /**
   * An accrual fund's co-op checkbook balance, read from its claim-fund item (credit and draws) in one read,
   * whatever the number of postings the program period has.
   */
  readonly claimFunds: Pick<ClaimFunds, 'balance'>;
  /** Posts an accrual fund's settled claims to the program's ledger, like a rebate claim's. */
  readonly postings: { postIndependent(posting: LedgerPosting): Promise<void> };
  readonly evidence: EvidenceStore;
  /** The claims' approval policy, whose thresholds say how many levels approve a request. */
  readonly approvalPolicies: ApprovalPolicyDeps['policies'];
  readonly clock: Clock;
  readonly newId: () => string;
  /** A stable id part for a partner's Idempotency-Key (the same key always gives the same request id). */
  readonly keyedId: (partnerId: string, idempotencyKey: string) => string;
}
