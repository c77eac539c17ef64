import { createPaymentBatch } from '../../../domain/payments/create-payment-batch';
import { paymentBatchRequestSchema } from '../../../domain/payments/payment-batch';
import { payments } from '../../payments/payment-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody } from '../../shared/http/request';
import { json } from '../../shared/http/response';

/**
 * Finance builds a batch of every payable claim in one currency up to a date; its claims become scheduled
 * (201), or, for a large batch, will be in the background (202, `building`).
 */
export const handler = httpApi(async (event) => {
  const batch = await createPaymentBatch(
    payments,
    actorOf(event),
    jsonBody(event, paymentBatchRequestSchema),
  );
  return json(batch.status === 'building' ? 202 : 201, batch);
});
