import { paymentBatchBankFile } from '../../../domain/payments/payment-batch-queries';
import { payments } from '../../payments/payment-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { paymentBatchPathSchema } from '../api-schemas';
import { downloadResponse } from './download-response';

/** The ISO 20022 pain.001.001.09 file of an approved bank-transfer batch, as an XML download. */
export const handler = httpApi(async (event) => {
  const { batchId } = pathParams(event, paymentBatchPathSchema);
  const xml = await paymentBatchBankFile(payments, actorOf(event), batchId, payments.payer);
  return downloadResponse('application/xml', `${batchId}-pain001.xml`, xml);
});
