import { getPaymentBatch } from '../../../domain/payments/payment-batch-queries';
import { payments } from '../../payments/payment-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { paymentBatchPathSchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { batchId } = pathParams(event, paymentBatchPathSchema);
  return json(200, await getPaymentBatch(payments, actorOf(event), batchId));
});
