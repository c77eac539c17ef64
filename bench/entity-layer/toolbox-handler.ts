import { QueryCommand } from 'dynamodb-toolbox/table/actions/query';
import { salesByPeriodPartition } from '../../functions/adapters/table-keys/channel-lines';
import { handlerClient, handlerTable, type SalesEvent } from './handler-setup';
import { saleLineEntity } from './toolbox-sale-line';
import { putSaleLines } from './toolbox-writes';

/** The same handler as ours-handler.ts through a DynamoDB-Toolbox entity (its query and its batch writes). */
const saleLines = saleLineEntity(handlerClient, handlerTable);

export async function handler(event: SalesEvent) {
  const page = await saleLines.table
    .build(QueryCommand)
    .entities(saleLines)
    .query({ index: 'gsi1', partition: salesByPeriodPartition(event.partnerId, event.month, 0) })
    .options({ limit: 100 })
    .send();
  await putSaleLines(saleLines, event.lines);
  return page.Items?.length ?? 0;
}
