import type { LedgerPosting } from '../ledger/ledger-posting';
import type { Page, PageRequest } from '../shared/ports';
import type { Claim, ClaimStatus } from './claim';
import type { ClaimFundDraws, ClaimFundScope } from './claim-fund';

/** A claim's next version, written only while the stored one is still in `expected`. */
export interface ClaimMove {
  readonly next: Claim;
  readonly expected: ClaimStatus;
}

/** Where claims are kept. Every change is conditional on the status read, so two racing actions have one effect. */
export interface ClaimStore {
  get(claimId: string): Promise<Claim | undefined>;
  /** Stores a new claim; false when the id exists already (a repeated submit). */
  create(claim: Claim): Promise<boolean>;
  /**
   * Replaces the claim if its stored status is still `expected` and its version is `next.version - 1`;
   * false otherwise (someone else changed it first).
   */
  transition(next: Claim, expected: ClaimStatus): Promise<boolean>;
  /** Many transitions, each on its own condition as `transition`; per move, whether it took effect. */
  transitionAll(moves: readonly ClaimMove[]): Promise<boolean[]>;
  /** The claims of these ids that exist, by id. */
  getAll(claimIds: readonly string[]): Promise<Map<string, Claim>>;
  /** Every claim in `status`, oldest first (payment batches read the payable ones). */
  withStatus(status: ClaimStatus): Promise<Claim[]>;
}

/** Starts the approval workflow of a validated claim; idempotent per claim (the execution is named after it). */
export interface ClaimApprovalWorkflow {
  start(claim: Claim): Promise<void>;
}

/** Why a claim could not be reserved; `reserved` when it was (and is stored). */
export type ReservationOutcome =
  | { readonly kind: 'reserved' }
  /** The fund's credit minus what is drawn is less than the claim: nothing written. */
  | { readonly kind: 'insufficientFunds' }
  /** Another claim holds these line references (same partner, program, period): nothing written. */
  | { readonly kind: 'duplicateReferences'; readonly references: readonly string[] }
  /** A claim with this id is stored already (a repeated submit): nothing written. */
  | { readonly kind: 'claimExists' };

/** A fund's credit and what claims draw on it, read together. */
export interface ClaimFundBalance {
  /**
   * The fund's credit, earned + adjustments in minor units, as the checkbook sums them: kept with the
   * draws, so that it costs no read of the fund's postings, whose number grows with every claim settled.
   */
  readonly credited: bigint;
  readonly draws: ClaimFundDraws;
}

/** What validation reads about a claim's fund and line references (same partner, program, period). */
export interface ClaimFundStanding extends ClaimFundBalance {
  readonly referenceHolders: ReadonlyMap<string, string>;
}

/** One fund's credit and draws, with its scope. */
export interface ClaimFundScopedBalance extends ClaimFundBalance {
  readonly scope: ClaimFundScope;
}

/** One fund's draws, with its scope, as the checkbook shows them. */
export interface ClaimFundPosition extends ClaimFundScope, ClaimFundDraws {}

/**
 * What claims draw on each fund (see claim-fund.ts), kept apart from the ledger so that a reservation is
 * one atomic write: the validated claim, its line references and the fund's draws move together or not at all.
 */
export interface ClaimFunds {
  draws(scope: ClaimFundScope): Promise<ClaimFundDraws>;
  /**
   * In one read: the credit of and draws on one fund (co-op fund allocation and request approval read it
   * too, so their cost does not grow with the checkbook's history either).
   */
  balance(scope: ClaimFundScope): Promise<ClaimFundBalance>;
  /**
   * Every fund credited in one program period, with its credit and draws, in no particular order: what
   * bulk claims read. Its cost grows with the period's funds, not with its postings.
   */
  periodBalances(programId: string, period: string): Promise<ClaimFundScopedBalance[]>;
  /** Every fund of a partner that claims drew on. */
  positionsOf(partnerId: string): Promise<ClaimFundPosition[]>;
  /**
   * In one read: the credit of and draws on `claim`'s fund, and the claim holding each of its references
   * (absent: free).
   */
  fundAndReferences(claim: Claim): Promise<ClaimFundStanding>;
  /**
   * Stores `claim` (status `validated`) with its reservation of `amountClaimed` and its line references,
   * only while the fund's drawn ≤ `limit` (see `reservationLimit`).
   */
  reserve(claim: Claim, limit: bigint): Promise<ReservationOutcome>;
  /**
   * Settles a decided claim in one atomic write: its reservation ends, `approved` (minor units, 0 when
   * rejected) staying drawn as settled and the rest released, and its `claim` ledger `posting` (none when
   * rejected) is stored once, refused with ClosedPeriodError in a closed accounting month. Idempotent: a
   * reservation already ended changes nothing. With `decision`, the claim's decided version is stored in
   * the same write, only while the stored claim is still where the decision moved it from; false (nothing
   * written) when it is not.
   */
  settle(
    claim: Claim,
    approved: bigint,
    posting: LedgerPosting | undefined,
    decision?: ClaimMove,
  ): Promise<boolean>;
}

/** Which claims a listing reads; absent filters mean any. */
export interface ClaimFilter {
  readonly partnerId?: string | undefined;
  readonly status?: ClaimStatus | undefined;
  readonly programId?: string | undefined;
}

/** Claim listings, oldest first, a page at a time (a page may hold fewer than `limit` when filtered). */
export interface ClaimQueries {
  list(filter: ClaimFilter, page: PageRequest): Promise<Page<Claim>>;
}
