import type { AccrualLedger } from '../accrual-runs/ports';
import type { Claim, ClaimStatus } from '../claims/claim';
import type { ClaimStore } from '../claims/ports';
import type { Clock, Page, PageRequest } from '../shared/ports';
import type { Deduction, DeductionStatus } from './deduction';

/** A claim's next state and the status it must still have, written with a deduction's settlement. */
export interface ClaimChange {
  readonly next: Claim;
  readonly expected: ClaimStatus;
}

export type DeductionCreation =
  | { readonly kind: 'created' }
  /** The same receivables line (see `sameLineKey`) was imported before, as `deductionId`. */
  | { readonly kind: 'duplicate'; readonly deductionId: string };

/**
 * Where deductions are kept, one record each. Every change is conditional on the stored status and version
 * (`next.version - 1`), so of two people matching or writing off the same deduction exactly one succeeds.
 */
export interface DeductionStore {
  /** Stores a new deduction unless its receivables line (`sameLineKey`) is stored already. */
  create(deduction: Deduction): Promise<DeductionCreation>;
  get(deductionId: string): Promise<Deduction | undefined>;
  /** Deductions of one status, oldest import first (the aging report reads `open`). */
  withStatus(status: DeductionStatus, page: PageRequest): Promise<Page<Deduction>>;
  /** Replaces the deduction if it is still `expected` at `next.version - 1`; false otherwise. */
  replace(next: Deduction, expected: DeductionStatus): Promise<boolean>;
  /**
   * Writes a matched deduction (was `open` at `next.version - 1`) and the claims it settles in one
   * transaction, each claim conditional on its status and version: all or nothing, false when any moved.
   */
  settle(next: Deduction, claims: readonly ClaimChange[]): Promise<boolean>;
}

/** What the deduction use cases need. */
export interface DeductionDeps {
  readonly deductions: DeductionStore;
  readonly claims: ClaimStore;
  readonly ledger: AccrualLedger;
  readonly clock: Clock;
  readonly newId: () => string;
  /**
   * How far the amounts settled may differ from a deduction (absolute, in its currency): the automatic
   * match's window and the manual match's allowed difference.
   */
  readonly tolerance: string;
}
