import { listPriceEntries } from '../../../domain/price-lists/price-entry-use-cases';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams, queryParams } from '../../shared/http/request';
import { pageResponse } from '../../shared/http/response';
import { priceEntryListQuerySchema, priceListPathSchema } from '../api-schemas';
import { masterData } from '../master-data-deps';

export const handler = httpApi(async (event) => {
  const { priceListId } = pathParams(event, priceListPathSchema);
  const { sku, limit, cursor } = queryParams(event, priceEntryListQuerySchema);
  const page = await listPriceEntries(masterData, actorOf(event), {
    priceListId,
    ...(sku === undefined ? {} : { sku }),
    page: { limit, cursor },
  });
  return pageResponse(page);
});
