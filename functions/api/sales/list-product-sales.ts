import { salesOfProduct } from '../../../domain/channel-files/channel-line-queries';
import { channelData } from '../../channel-data/channel-data-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { pathParams } from '../../shared/http/request';
import { productPathSchema, salesOfProductQuerySchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { sku } = pathParams(event, productPathSchema);
  const { partnerId, from, to, limit, cursor } = pageQuery(event, salesOfProductQuerySchema);
  const page = await salesOfProduct(channelData, actorOf(event), {
    partnerId,
    sku,
    from,
    to,
    page: { limit, cursor },
  });
  return pageResponse(event, page);
});
