import type { PartnerData } from '../../../domain/partners/partner';
import {
  headerOf,
  type PartnerPayment,
  type PaymentBatch,
  type PaymentBatchHeader,
} from '../../../domain/payments/payment-batch';
import type { PaymentBatchStore, PaymentDeps } from '../../../domain/payments/ports';
import { AlreadyExistsError } from '../../../domain/shared/errors';
import type { Page, PageRequest } from '../../../domain/shared/ports';
import { bySortKey, offsetPage } from '../../support/in-memory-pages';
import { fixedClock, InMemoryRecordStore } from '../../support/in-memory-record-store';
import { InMemoryAccrualLedger, RecordingEventPublisher } from '../accrual-runs/fakes';
import { InMemoryClaimStore } from '../claims/fakes';

/** The adapter's index sort key of a batch and of its payments: created, then batch id (listed newest first). */
const oldestFirst = bySortKey(
  (batch: { createdAt: string; batchId: string }) => `${batch.createdAt}#${batch.batchId}`,
);
const newestFirst = <T extends { createdAt: string; batchId: string }>(a: T, b: T) => oldestFirst(b, a);

/**
 * The PaymentBatchStore port in memory, with the adapter's contract (test/support/payment-batch-store-contract.ts):
 * header and payments apart, writes conditional on versions, listings newest first and paged.
 */
export class InMemoryPaymentBatchStore implements PaymentBatchStore {
  readonly headers = new Map<string, PaymentBatchHeader>();
  readonly payments = new Map<string, PartnerPayment>();

  async create(batch: PaymentBatch) {
    if (this.headers.has(batch.batchId)) throw new AlreadyExistsError(`${batch.batchId} exists`);
    for (const payment of batch.payments) this.payments.set(payment.paymentId, payment);
    this.headers.set(batch.batchId, headerOf(batch));
  }

  async get(batchId: string): Promise<PaymentBatch | undefined> {
    const header = this.headers.get(batchId);
    if (header === undefined) return undefined;
    const payments = [...this.payments.values()]
      .filter((payment) => payment.batchId === batchId)
      .sort((a, b) => (a.partnerId < b.partnerId ? -1 : 1));
    return { ...header, payments };
  }

  async list(request: PageRequest): Promise<Page<PaymentBatchHeader>> {
    const headers = [...this.headers.values()]
      .filter((header) => request.group === undefined || header.status === request.group)
      .sort(newestFirst);
    return offsetPage(headers, request);
  }

  async complete(batch: PaymentBatch) {
    for (const [id, payment] of this.payments)
      if (payment.batchId === batch.batchId) this.payments.delete(id);
    for (const payment of batch.payments) this.payments.set(payment.paymentId, payment);
    return this.replaceHeader(headerOf(batch));
  }

  async replaceHeader(next: PaymentBatchHeader) {
    if (this.headers.get(next.batchId)?.version !== next.version - 1) return false;
    this.headers.set(next.batchId, next);
    return true;
  }

  /** Only the payment's state changes (status, version, return), as the adapter's update writes it. */
  async replacePayment(next: PartnerPayment) {
    const current = this.payments.get(next.paymentId);
    if (current?.version !== next.version - 1) return false;
    const state = {
      status: next.status,
      version: next.version,
      ...(next.returned ? { returned: next.returned } : {}),
    };
    this.payments.set(next.paymentId, { ...current, ...state });
    return true;
  }

  async paymentsOf(partnerId: string, request: PageRequest): Promise<Page<PartnerPayment>> {
    const payments = [...this.payments.values()]
      .filter((payment) => payment.partnerId === partnerId)
      .map((payment) => ({
        payment,
        batchId: payment.batchId,
        createdAt: this.headers.get(payment.batchId)?.createdAt ?? '',
      }))
      .sort(newestFirst)
      .map(({ payment }) => payment);
    return offsetPage(payments, request);
  }
}

/** Payment use-case dependencies in memory, the clock fixed at 2026-03-01T12:00Z. */
export function paymentDeps() {
  let sequence = 0;
  return {
    claims: new InMemoryClaimStore(),
    batches: new InMemoryPaymentBatchStore(),
    partners: new InMemoryRecordStore<PartnerData>((partner) => partner.partnerId),
    ledger: new InMemoryAccrualLedger(),
    events: new RecordingEventPublisher(),
    clock: fixedClock(),
    newId: () => String(++sequence).padStart(4, '0'),
  } satisfies PaymentDeps;
}
