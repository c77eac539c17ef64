import { saleLineEntity } from './electrodb-sale-line';
import { handlerClient, handlerTable, type SalesEvent } from './handler-setup';

/** The same handler as ours-handler.ts through an ElectroDB entity (its query and its batch put). */
const saleLines = saleLineEntity(handlerClient, handlerTable);

export async function handler(event: SalesEvent) {
  const page = await saleLines.query
    .byPeriod({ partnerId: event.partnerId, month: event.month, salesShard: 0 })
    .go({ limit: 100 });
  await saleLines.put([...event.lines]).go();
  return page.data.length;
}
