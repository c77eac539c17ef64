import { addPriceEntry } from '../../../domain/price-lists/price-entry-use-cases';
import { newPriceEntrySchema } from '../../../domain/price-lists/price-list';
import { masterDataEditorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { priceListPathSchema } from '../api-schemas';
import { masterData } from '../master-data-deps';

export const handler = httpApi(async (event) => {
  const actor = masterDataEditorOf(event);
  const { priceListId } = pathParams(event, priceListPathSchema);
  const entry = await addPriceEntry(masterData, actor, {
    ...jsonBody(event, newPriceEntrySchema),
    priceListId,
  });
  return recordResponse(entry, 201);
});
