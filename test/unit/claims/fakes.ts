import type { AccrualLedger } from '../../../domain/accrual-runs/ports';
import type { Claim, ClaimStatus } from '../../../domain/claims/claim';
import {
  type ClaimFundDraws,
  type ClaimFundScope,
  fundCreditsOf,
  fundScopeKey,
  noDraws,
  reserve,
  settle,
} from '../../../domain/claims/claim-fund';
import type {
  ClaimFundBalance,
  ClaimFundPosition,
  ClaimFundScopedBalance,
  ClaimFundStanding,
  ClaimFunds,
  ClaimMove,
  ClaimStore,
  ReservationOutcome,
} from '../../../domain/claims/ports';
import type { LedgerPosting } from '../../../domain/ledger/ledger-posting';
import type { LedgerReader } from '../../../domain/ledger/ports';
import { toMinorUnits } from '../../../domain/shared/money/minor-units';
import { bySortKey } from '../../support/in-memory-pages';
import { InMemoryAccrualLedger } from '../accrual-runs/fakes';

const fundKey = fundScopeKey;
const referenceKey = (claim: Claim, reference: string) =>
  [claim.partnerId, claim.programId, claim.period, reference].join('\u001f');

/**
 * Claims in a Map, with the adapter's conditional contract (create once, transition on status + version) and
 * its status index's order (submitted time, then id).
 */
export class InMemoryClaimStore implements ClaimStore {
  readonly claims = new Map<string, Claim>();

  async get(claimId: string): Promise<Claim | undefined> {
    return this.claims.get(claimId);
  }

  async create(claim: Claim): Promise<boolean> {
    if (this.claims.has(claim.claimId)) return false;
    this.claims.set(claim.claimId, claim);
    return true;
  }

  async transition(next: Claim, expected: ClaimStatus): Promise<boolean> {
    const current = this.claims.get(next.claimId);
    if (current?.status !== expected || current.version !== next.version - 1) return false;
    this.claims.set(next.claimId, next);
    return true;
  }

  async transitionAll(moves: readonly ClaimMove[]): Promise<boolean[]> {
    const done: boolean[] = [];
    for (const { next, expected } of moves) done.push(await this.transition(next, expected));
    return done;
  }

  async getAll(claimIds: readonly string[]): Promise<Map<string, Claim>> {
    return new Map(
      claimIds.flatMap((id) => (this.claims.has(id) ? [[id, this.claims.get(id) as Claim]] : [])),
    );
  }

  async withStatus(status: ClaimStatus): Promise<Claim[]> {
    return [...this.claims.values()]
      .filter((claim) => claim.status === status)
      .sort(bySortKey((claim) => `${claim.submittedAt}#${claim.claimId}`));
  }
}

/**
 * Claim funds in memory with the adapter's contract: a reservation stores the claim, its references and
 * its draw together, only while drawn ≤ limit; a settlement posts and ends the reservation together, once.
 * `releases` counts the effective settlements.
 */
export class InMemoryClaimFunds implements ClaimFunds {
  readonly funds = new Map<string, { scope: ClaimFundScope; draws: ClaimFundDraws }>();
  readonly reservations = new Map<string, 'reserved' | 'settled'>();
  readonly references = new Map<string, string>();
  releases = 0;

  constructor(
    private readonly claims: InMemoryClaimStore,
    /** Where settlements post and funds' credit is summed from: the in-memory ledger the checkbook reads. */
    private readonly ledger: Pick<AccrualLedger, 'postIndependent' | 'scope'> &
      Pick<LedgerReader, 'checkbookPostings'> = new InMemoryAccrualLedger(),
  ) {}

  async draws(scope: ClaimFundScope): Promise<ClaimFundDraws> {
    return this.funds.get(fundKey(scope))?.draws ?? noDraws;
  }

  /** Every fund the period's postings credit, with its draws, as the adapter reads them from its items. */
  async periodBalances(programId: string, period: string): Promise<ClaimFundScopedBalance[]> {
    const { postings } = await this.ledger.scope(programId, period);
    return Promise.all(
      fundCreditsOf(postings).map(async ({ scope, credited }) => ({
        scope,
        credited,
        draws: await this.draws(scope),
      })),
    );
  }

  async positionsOf(partnerId: string): Promise<ClaimFundPosition[]> {
    return [...this.funds.values()]
      .filter(({ scope }) => scope.partnerId === partnerId)
      .map(({ scope, draws }) => ({ ...scope, ...draws }));
  }

  async fundAndReferences(claim: Claim): Promise<ClaimFundStanding> {
    const referenceHolders = new Map<string, string>();
    for (const { reference } of claim.lines) {
      const holder = this.references.get(referenceKey(claim, reference));
      if (holder !== undefined) referenceHolders.set(reference, holder);
    }
    return { ...(await this.balance(scopeOf(claim))), referenceHolders };
  }

  async balance(scope: ClaimFundScope): Promise<ClaimFundBalance> {
    return { credited: await creditFrom(this.ledger, scope), draws: await this.draws(scope) };
  }

  async reserve(claim: Claim, limit: bigint): Promise<ReservationOutcome> {
    if (this.claims.claims.has(claim.claimId)) return { kind: 'claimExists' };
    const taken = claim.lines
      .map((line) => line.reference)
      .filter((reference) => this.references.has(referenceKey(claim, reference)));
    if (taken.length > 0) return { kind: 'duplicateReferences', references: taken };
    const draws = await this.draws(claim);
    if (limit < 0n || draws.drawn > limit) return { kind: 'insufficientFunds' };
    this.funds.set(fundKey(claim), {
      scope: scopeOf(claim),
      draws: reserve(draws, toMinorUnits(claim.amountClaimed, claim.currency)),
    });
    this.reservations.set(claim.claimId, 'reserved');
    for (const line of claim.lines) this.references.set(referenceKey(claim, line.reference), claim.claimId);
    this.claims.claims.set(claim.claimId, claim);
    return { kind: 'reserved' };
  }

  async settle(
    claim: Claim,
    approved: bigint,
    posting: LedgerPosting | undefined,
    decision?: ClaimMove,
  ): Promise<boolean> {
    if (decision !== undefined) {
      const stored = this.claims.claims.get(decision.next.claimId);
      if (stored?.status !== decision.expected || stored.version !== decision.next.version - 1) return false;
    }
    if (this.reservations.get(claim.claimId) !== 'reserved') return true;
    // Taken before the posting's await, so a racing settlement of the same claim finds it ended.
    this.reservations.set(claim.claimId, 'settled');
    try {
      if (posting !== undefined) await this.ledger.postIndependent(posting);
    } catch (error) {
      // A refused posting (closed month) leaves the reservation as it was, as the adapter's transaction does.
      this.reservations.set(claim.claimId, 'reserved');
      throw error;
    }
    if (decision !== undefined) this.claims.claims.set(decision.next.claimId, decision.next);
    // Read and written in one turn: concurrent settlements lose nothing.
    const draws = this.funds.get(fundKey(claim))?.draws ?? noDraws;
    this.funds.set(fundKey(claim), {
      scope: scopeOf(claim),
      draws: settle(draws, toMinorUnits(claim.amountClaimed, claim.currency), approved),
    });
    this.releases++;
    return true;
  }
}

/** A fund's credit summed from its beneficiary's checkbook postings, as the adapter keeps it. */
export async function creditFrom(ledger: Pick<LedgerReader, 'checkbookPostings'>, scope: ClaimFundScope) {
  const postings = await ledger.checkbookPostings(scope.partnerId, scope.programId);
  return fundCreditsOf(postings).find((each) => fundKey(each.scope) === fundKey(scope))?.credited ?? 0n;
}

function scopeOf(claim: Claim): ClaimFundScope {
  const { partnerId, programId, period, fund, currency } = claim;
  return { partnerId, programId, period, fund, currency };
}
