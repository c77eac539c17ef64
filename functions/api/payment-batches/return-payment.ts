import { returnPayment } from '../../../domain/payments/settle-payment-batch';
import { payments } from '../../payments/payment-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { paymentBatchPartnerPathSchema, returnedPaymentSchema } from '../api-schemas';

/** The bank returned a partner's payment: its postings are reversed and its claims are payable again. */
export const handler = httpApi(async (event) => {
  const { batchId, partnerId } = pathParams(event, paymentBatchPartnerPathSchema);
  const { reason } = jsonBody(event, returnedPaymentSchema);
  return json(200, await returnPayment(payments, actorOf(event), { batchId, partnerId, reason }));
});
