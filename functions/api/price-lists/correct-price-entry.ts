import { correctPriceEntry } from '../../../domain/price-lists/price-entry-use-cases';
import { priceEntryPricesSchema } from '../../../domain/price-lists/price-list';
import { masterDataEditorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { ifMatchVersion, jsonBody, pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { priceEntryPathSchema } from '../api-schemas';
import { masterData } from '../master-data-deps';

export const handler = httpApi(async (event) => {
  const actor = masterDataEditorOf(event);
  const entry = await correctPriceEntry(masterData, actor, {
    ...pathParams(event, priceEntryPathSchema),
    ...jsonBody(event, priceEntryPricesSchema),
    expectedVersion: ifMatchVersion(event),
  });
  return recordResponse(entry);
});
