import type { Claim, ClaimStatus } from './claim';

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
  /** Every claim in `status`, oldest first (payment batches read the payable ones). */
  withStatus(status: ClaimStatus): Promise<Claim[]>;
}

/** Starts the approval workflow of a validated claim; idempotent per claim (the execution is named after it). */
export interface ClaimApprovalWorkflow {
  start(claim: Claim): Promise<void>;
}
