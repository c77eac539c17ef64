import { addPriceEntry } from '../../../domain/price-lists/price-entry-use-cases';
import { newPriceEntrySchema } from '../../../domain/price-lists/price-list';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { priceListPathSchema } from '../api-schemas';
import { masterData } from '../master-data-deps';

export const handler = httpApi(async (event) => {
  const { priceListId } = pathParams(event, priceListPathSchema);
  const entry = await addPriceEntry(masterData, actorOf(event), {
    ...jsonBody(event, newPriceEntrySchema),
    priceListId,
  });
  return recordResponse(entry, 201);
});
