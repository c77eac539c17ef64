import type { Actor } from '../access/actor';
import { partnerScope, requireRole, requireVisibleTo } from '../access/policies';
import { BusinessRuleError, NotFoundError } from '../shared/errors';
import type { Page, PageRequest } from '../shared/ports';
import { type DebtorAccount, pain001Xml } from './pain001-export';
import { paymentRoles } from './payment-actor';
import type { BatchStatus, PartnerPayment, PaymentBatch, PaymentBatchHeader } from './payment-batch';
import type { PaymentDeps } from './ports';
import { remittanceAdviceCsv } from './remittance-advice';
import { batchOrNotFound, exportPaymentBatch } from './settle-payment-batch';

/** What a partner sees of one of its payments: the payment, where its batch stands and when it pays. */
export interface PartnerPaymentView extends PartnerPayment {
  readonly currency: string;
  readonly method: string;
  readonly batchStatus: BatchStatus;
  readonly expectedPaymentDate: string;
}

/** Staff (finance, admin, approvers, channel managers) read batches; a partner only its own payments. */
function staffOnly(actor: Actor): void {
  requireRole(actor, ['finance', 'admin', 'approver', 'channel_manager']);
}

/**
 * A batch: staff see every payment; a partner sees the batch with its own payment only, and a batch that
 * pays it nothing does not exist for it (404, so ids cannot be probed).
 */
export async function getPaymentBatch(
  deps: PaymentDeps,
  actor: Actor,
  batchId: string,
): Promise<PaymentBatch> {
  const batch = await batchOrNotFound(deps, batchId);
  const partnerId = partnerScope(actor);
  if (partnerId === undefined) return batch;
  const own = batch.payments.filter((payment) => payment.partnerId === partnerId);
  if (own.length === 0) throw new NotFoundError(`Payment batch '${batchId}' not found`);
  return { ...batch, payments: own, excluded: batch.excluded.filter((item) => item.partnerId === partnerId) };
}

/** Batch headers newest first, optionally of one status (staff). */
export function listPaymentBatches(
  deps: PaymentDeps,
  actor: Actor,
  page: PageRequest,
): Promise<Page<PaymentBatchHeader>> {
  staffOnly(actor);
  return deps.batches.list(page);
}

/**
 * A partner's payments, newest first, each with its batch's status and expected payment date (the bank's
 * requested execution date): the partner's view of where its approved claims stand.
 */
export async function listPartnerPayments(
  deps: PaymentDeps,
  actor: Actor,
  page: PageRequest,
): Promise<Page<PartnerPaymentView>> {
  const partnerId = partnerScope(actor);
  if (partnerId === undefined) throw new BusinessRuleError('Only a partner user has payments of its own');
  const payments = await deps.batches.paymentsOf(partnerId, page);
  const headers = new Map<string, PaymentBatch>();
  for (const batchId of new Set(payments.items.map((payment) => payment.batchId))) {
    const batch = await deps.batches.get(batchId);
    if (batch !== undefined) headers.set(batchId, batch);
  }
  const items = payments.items.flatMap((payment) => {
    const batch = headers.get(payment.batchId);
    if (batch === undefined) return [];
    const { account: _account, ...visible } = payment;
    return [
      {
        ...visible,
        currency: batch.currency,
        method: batch.method,
        batchStatus: batch.status,
        expectedPaymentDate: batch.requestedExecutionDate,
      },
    ];
  });
  return payments.nextCursor === undefined ? { items } : { items, nextCursor: payments.nextCursor };
}

/** The batch's pain.001 bank file; the first download records the batch as exported. */
export async function paymentBatchBankFile(
  deps: PaymentDeps,
  actor: Actor,
  batchId: string,
  payer: DebtorAccount | undefined,
): Promise<string> {
  if (payer === undefined) {
    throw new BusinessRuleError(
      'The paying account (PAYER_ACCOUNT) is not configured: no bank file can be made',
    );
  }
  return pain001Xml(await exportPaymentBatch(deps, actor, batchId), payer);
}

/** One partner's remittance advice (CSV); a partner may read only its own. */
export async function paymentRemittanceAdvice(
  deps: PaymentDeps,
  actor: Actor,
  input: { readonly batchId: string; readonly partnerId: string },
): Promise<string> {
  if (actor.role !== 'partner') requireRole(actor, paymentRoles);
  requireVisibleTo(actor, input.partnerId, 'Remittance advice');
  return remittanceAdviceCsv(await getPaymentBatch(deps, actor, input.batchId), input.partnerId);
}
