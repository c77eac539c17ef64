import { listPartnerPayments, listPaymentBatches } from '../../../domain/payments/payment-batch-queries';
import { payments } from '../../payments/payment-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { paymentBatchListQuerySchema } from '../api-schemas';

/** Staff: batch headers, newest first. A partner: its own payments with status and expected payment date. */
export const handler = httpApi(async (event) => {
  const actor = actorOf(event);
  const { status, ...page } = pageQuery(event, paymentBatchListQuerySchema);
  if (actor.role === 'partner') return pageResponse(event, await listPartnerPayments(payments, actor, page));
  return pageResponse(event, await listPaymentBatches(payments, actor, { ...page, group: status }));
});
