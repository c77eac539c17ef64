import { partnerSkuMappingSchema, savePartnerSku } from '../../../domain/channel-files/partner-sku-use-cases';
import { channelData } from '../../channel-data/channel-data-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { ifMatchVersion, jsonBody, pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { partnerSkuPathSchema } from '../api-schemas';

/** Creates the cross-reference (no If-Match) or re-points the version read (If-Match). */
export const handler = httpApi(async (event) => {
  const actor = actorOf(event);
  const path = pathParams(event, partnerSkuPathSchema);
  const expectedVersion = event.headers['if-match'] === undefined ? undefined : ifMatchVersion(event);
  const mapping = jsonBody(event, partnerSkuMappingSchema);
  const saved = await savePartnerSku(channelData, actor, { ...path, mapping, expectedVersion });
  return recordResponse(saved, saved.version === 1 ? 201 : 200);
});
