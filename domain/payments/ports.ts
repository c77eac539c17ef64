import type { AccrualLedger } from '../accrual-runs/ports';
import type { ClaimStore } from '../claims/ports';
import type { PartnerData } from '../partners/partner';
import type { Clock, EventPublisher, Page, PageRequest, RecordStore } from '../shared/ports';
import type { PartnerPayment, PaymentBatch, PaymentBatchHeader } from './payment-batch';

/**
 * Where payment batches are kept: a header (status, totals) and one record per partner payment, so a batch
 * of ten thousand payments is not one oversized item. State changes are conditional on the version read, so
 * of two people approving or paying the same batch at once exactly one succeeds.
 */
export interface PaymentBatchStore {
  /** Stores a new batch, its payments first and its header last (a batch exists once its header does). */
  create(batch: PaymentBatch): Promise<void>;
  get(batchId: string): Promise<PaymentBatch | undefined>;
  /** Batch headers, newest first, optionally of one status (`group`). */
  list(request: PageRequest): Promise<Page<PaymentBatchHeader>>;
  /**
   * Stores the payments of a batch built in the background (dropping any an earlier attempt stored that the
   * batch no longer has) and replaces its header if the stored version is still `batch.version - 1`.
   */
  complete(batch: PaymentBatch): Promise<boolean>;
  /** Replaces the header if its stored version is still `next.version - 1`; false otherwise. */
  replaceHeader(next: PaymentBatchHeader): Promise<boolean>;
  /** Replaces a payment if its stored version is still `next.version - 1`; false otherwise. */
  replacePayment(next: PartnerPayment): Promise<boolean>;
  /** One partner's payments across batches, newest batch first. */
  paymentsOf(partnerId: string, request: PageRequest): Promise<Page<PartnerPayment>>;
}

/** What the payment use cases need. */
export interface PaymentDeps {
  readonly claims: ClaimStore;
  readonly batches: PaymentBatchStore;
  readonly partners: RecordStore<PartnerData>;
  readonly ledger: AccrualLedger;
  readonly events: EventPublisher;
  readonly clock: Clock;
  readonly newId: () => string;
}
