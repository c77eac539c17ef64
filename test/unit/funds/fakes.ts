import type { Claim } from '../../../domain/claims/claim';
import { applyDelta, drawnOf, type Fund } from '../../../domain/funds/fund';
import { dueOn, type FundRequest, isOpen } from '../../../domain/funds/fund-request';
import type {
  CommitOutcome,
  EvidenceStore,
  FundClaimFilter,
  FundMovement,
  FundStore,
  FundTransaction,
} from '../../../domain/funds/ports';
import type { FundClaim } from '../../../domain/funds/proof-of-performance';
import type { IsoDate } from '../../../domain/shared/iso-date';
import { bySortKey } from '../../support/in-memory-pages';
import type { InMemoryClaimStore } from '../claims/fakes';

// The adapter's index sort keys: funds by creation, requests and claims by submission, each then by id.
const byCreation = bySortKey((fund: Fund) => `${fund.createdAt}#${fund.fundId}`);
const byExpiry = bySortKey((fund: Fund) => `${fund.expiresOn}#${fund.fundId}`);
const byMovementTime = bySortKey((movement: FundMovement) => `${movement.at}#${movement.movementId}`);
const byRequestSubmission = bySortKey(
  (request: FundRequest) => `${request.submittedAt}#${request.requestId}`,
);
const byDueDate = bySortKey((request: FundRequest) => `${dueOn(request)}#${request.requestId}`);
const byClaimSubmission = bySortKey((claim: FundClaim) => `${claim.submittedAt}#${claim.fundClaimId}`);

/**
 * Funds in Maps, with the adapter's contract (test/support/fund-store-contract.ts): a commit checks every condition (fund status, drawn ≤ limit,
 * drawn exactly as read, request and claim status and version, new records absent) and then applies all of
 * it, or nothing.
 */
export class InMemoryFundStore implements FundStore {
  readonly funds = new Map<string, Fund>();
  readonly requests = new Map<string, FundRequest>();
  readonly fundClaims = new Map<string, FundClaim>();
  readonly movements: FundMovement[] = [];
  /** An accrual fund's co-op checkbook draws, by scope (as the claim funds keep them). */
  readonly checkbookDraws = new Map<string, { reserved: bigint; settled: bigint }>();

  constructor(private readonly claims: InMemoryClaimStore) {}

  async createFund(fund: Fund, allocation: FundMovement) {
    if (this.funds.has(fund.fundId)) return false;
    this.funds.set(fund.fundId, fund);
    this.movements.push(allocation);
    return true;
  }
  async getFund(fundId: string) {
    return this.funds.get(fundId);
  }
  async listFunds(partnerId: string | undefined) {
    return [...this.funds.values()]
      .filter((fund) => partnerId === undefined || fund.partnerId === partnerId)
      .sort(byCreation);
  }
  async fundsExpiringBefore(date: IsoDate) {
    return [...this.funds.values()]
      .filter((fund) => fund.status === 'active' && fund.expiresOn < date)
      .sort(byExpiry);
  }
  async movementsOf(fundId: string) {
    return this.movements.filter((movement) => movement.fundId === fundId).sort(byMovementTime);
  }
  async createRequest(request: FundRequest) {
    if (this.requests.has(request.requestId)) return false;
    this.requests.set(request.requestId, request);
    return true;
  }
  async getRequest(requestId: string) {
    return this.requests.get(requestId);
  }
  async listRequests(filter: { partnerId?: string | undefined; fundId?: string | undefined }) {
    return [...this.requests.values()]
      .filter(
        (request) =>
          (filter.partnerId === undefined || request.partnerId === filter.partnerId) &&
          (filter.fundId === undefined || request.fundId === filter.fundId),
      )
      .sort(byRequestSubmission);
  }
  async requestsDueBefore(date: IsoDate) {
    return [...this.requests.values()]
      .filter((request) => isOpen(request.status) && dueOn(request) < date)
      .sort(byDueDate);
  }
  async getClaim(fundClaimId: string) {
    return this.fundClaims.get(fundClaimId);
  }
  async listClaims(filter: FundClaimFilter) {
    return [...this.fundClaims.values()]
      .filter(
        (claim) =>
          (filter.fundId === undefined || claim.fundId === filter.fundId) &&
          (filter.partnerId === undefined || claim.partnerId === filter.partnerId) &&
          (filter.status === undefined || claim.status === filter.status),
      )
      .sort(byClaimSubmission);
  }

  async commit(transaction: FundTransaction): Promise<CommitOutcome> {
    const { fund: change, request, fundClaim, settlementClaim } = transaction;
    const fund = this.funds.get(change.fundId);
    if (fund === undefined || fund.status !== change.expectedStatus) return 'conflict';
    if (change.expectedDrawn !== undefined && drawnOf(fund.balances) !== change.expectedDrawn)
      return 'conflict';
    if (request !== undefined) {
      const current = this.requests.get(request.next.requestId);
      if (current?.status !== request.expected || current.version !== request.next.version - 1)
        return 'conflict';
    }
    if (fundClaim !== undefined) {
      const current = this.fundClaims.get(fundClaim.next.fundClaimId);
      if (fundClaim.expected === null ? current !== undefined : current?.status !== fundClaim.expected) {
        return 'conflict';
      }
    }
    if (settlementClaim !== undefined && this.claims.claims.has(settlementClaim.claimId)) return 'conflict';
    if (
      this.movements.some((movement) =>
        transaction.movements.some(
          (each) => each.movementId === movement.movementId && each.fundId === movement.fundId,
        ),
      )
    ) {
      return 'conflict';
    }
    if (change.limit !== undefined && drawnOf(fund.balances) > change.limit) return 'insufficientFunds';
    const book = transaction.checkbook;
    const bookKey = book === undefined ? '' : JSON.stringify(book.scope);
    const draws = this.checkbookDraws.get(bookKey) ?? { reserved: 0n, settled: 0n };
    if (book?.limit !== undefined && draws.reserved + draws.settled > book.limit) return 'insufficientFunds';
    if (book !== undefined) {
      this.checkbookDraws.set(bookKey, {
        reserved: draws.reserved + book.reserved,
        settled: draws.settled + book.settled,
      });
    }
    this.funds.set(fund.fundId, {
      ...fund,
      status: change.nextStatus ?? fund.status,
      balances: applyDelta(fund.balances, change.delta),
    });
    if (request !== undefined) this.requests.set(request.next.requestId, request.next);
    if (fundClaim !== undefined) this.fundClaims.set(fundClaim.next.fundClaimId, fundClaim.next);
    if (settlementClaim !== undefined)
      this.claims.claims.set(settlementClaim.claimId, settlementClaim as Claim);
    this.movements.push(...transaction.movements);
    return 'committed';
  }
}

/** Evidence "uploaded" by putting its key here with a type and size. */
export class InMemoryEvidence implements EvidenceStore {
  readonly objects = new Map<string, { sizeBytes: number; contentType?: string }>();
  readonly signed: string[] = [];
  async presignPut(request: { key: string }) {
    this.signed.push(request.key);
    return `https://uploads.example/${request.key}?signed`;
  }
  async describe(key: string) {
    return this.objects.get(key);
  }
}
