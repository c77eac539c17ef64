import { inventorySnapshots } from '../../../domain/channel-files/inventory-position';
import { channelData } from '../../channel-data/channel-data-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams, queryParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { inventoryPositionQuerySchema, productPathSchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { sku } = pathParams(event, productPathSchema);
  const query = queryParams(event, inventoryPositionQuerySchema);
  return json(200, { items: await inventorySnapshots(channelData, actorOf(event), { ...query, sku }) });
});
