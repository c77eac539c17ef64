import type { EventBridgeEvent } from 'aws-lambda';
import { buildRequestedBatch } from '../../domain/payments/build-requested-batch';
import { paymentBatchRequestedV1 } from '../../events/payment-batch-requested.v1';
import { lambdaEntry } from '../shared/entry-points';
import { logger } from '../shared/logger';
import { payments } from './payment-deps';

/**
 * Target of the PaymentBatchRequested rule: builds a batch too large for the request (see
 * buildRequestedBatch). A repeated delivery finds the batch built and changes nothing; a failure is retried
 * by the rule and completes what the failed attempt began.
 */
export const handler = lambdaEntry(async (event: EventBridgeEvent<'PaymentBatchRequested', unknown>) => {
  const detail = paymentBatchRequestedV1.parse(event.detail);
  logger.appendKeys({ batchId: detail.batchId });
  const built = await buildRequestedBatch(payments, detail.batchId);
  logger.info('Payment batch built', { status: built.status, claimCount: built.claimCount });
});
