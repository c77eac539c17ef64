import { priceOn } from '../../../domain/price-lists/price-entry-use-cases';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams, queryParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { priceListSkuPathSchema, priceOnQuerySchema } from '../api-schemas';
import { masterData } from '../master-data-deps';

export const handler = httpApi(async (event) => {
  const price = await priceOn(masterData, actorOf(event), {
    ...pathParams(event, priceListSkuPathSchema),
    ...queryParams(event, priceOnQuerySchema),
  });
  return json(200, price);
});
