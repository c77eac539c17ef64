import { listPriceEntries } from '../../../domain/price-lists/price-entry-use-cases';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { pathParams } from '../../shared/http/request';
import { priceEntryListQuerySchema, priceListPathSchema } from '../api-schemas';
import { masterData } from '../master-data-deps';

export const handler = httpApi(async (event) => {
  const { priceListId } = pathParams(event, priceListPathSchema);
  const { sku, limit, cursor } = pageQuery(event, priceEntryListQuerySchema);
  const page = await listPriceEntries(masterData, actorOf(event), {
    priceListId,
    ...(sku === undefined ? {} : { sku }),
    page: { limit, cursor },
  });
  return pageResponse(event, page);
});
