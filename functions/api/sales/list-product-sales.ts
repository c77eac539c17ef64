import { salesOfProduct } from '../../../domain/channel-files/channel-line-queries';
import { channelData } from '../../channel-data/channel-data-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams, queryParams } from '../../shared/http/request';
import { pageResponse } from '../../shared/http/response';
import { productPathSchema, salesOfProductQuerySchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { sku } = pathParams(event, productPathSchema);
  const { partnerId, from, to, limit, cursor } = queryParams(event, salesOfProductQuerySchema);
  const page = await salesOfProduct(channelData, actorOf(event), {
    partnerId,
    sku,
    from,
    to,
    page: { limit, cursor },
  });
  return pageResponse(page);
});
