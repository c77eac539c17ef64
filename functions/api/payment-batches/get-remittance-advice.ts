import { paymentRemittanceAdvice } from '../../../domain/payments/payment-batch-queries';
import { payments } from '../../payments/payment-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams, queryParams } from '../../shared/http/request';
import { paymentBatchPathSchema, remittanceQuerySchema } from '../api-schemas';
import { downloadResponse } from './download-response';

/** One partner's remittance advice of a batch, as CSV; a partner reads only its own. */
export const handler = httpApi(async (event) => {
  const { batchId } = pathParams(event, paymentBatchPathSchema);
  const { partnerId } = queryParams(event, remittanceQuerySchema);
  const csv = await paymentRemittanceAdvice(payments, actorOf(event), { batchId, partnerId });
  return downloadResponse('text/csv', `${batchId}-${partnerId}-remittance.csv`, csv);
});
