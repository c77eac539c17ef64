import { markPaymentBatchPaid } from '../../../domain/payments/settle-payment-batch';
import { payments } from '../../payments/payment-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { paymentBatchPathSchema } from '../api-schemas';

/** Marks a batch paid: claims paid, ledger AP → cash, PaymentBatchPaid.v1; a second call is 409. */
export const handler = httpApi(async (event) => {
  const { batchId } = pathParams(event, paymentBatchPathSchema);
  return json(200, await markPaymentBatchPaid(payments, actorOf(event), batchId));
});
