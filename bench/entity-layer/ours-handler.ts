import { putAll } from '../../functions/adapters/dynamo-batch';
import { partitionPage } from '../../functions/adapters/table-access';
import { salesByPeriodPartition } from '../../functions/adapters/table-keys/channel-lines';
import { handlerClient, handlerTable, type SalesEvent } from './handler-setup';
import { saleLineItem } from './ours';

/** The bundle-size and cold-start handler of our layer: a page of a partner-month's sales, then a batch write. */
export async function handler(event: SalesEvent) {
  const page = await partitionPage(handlerClient, handlerTable, {
    index: 'gsi1',
    partition: salesByPeriodPartition(event.partnerId, event.month, 0),
    page: { limit: 100 },
  });
  await putAll(handlerClient, handlerTable, event.lines.map(saleLineItem));
  return page.items.length;
}
