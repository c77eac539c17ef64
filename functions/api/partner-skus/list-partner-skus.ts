import { listPartnerSkus } from '../../../domain/channel-files/partner-sku-use-cases';
import { channelData } from '../../channel-data/channel-data-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams, queryParams } from '../../shared/http/request';
import { pageResponse } from '../../shared/http/response';
import { pageQuerySchema, partnerPathSchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { partnerId } = pathParams(event, partnerPathSchema);
  const page = queryParams(event, pageQuerySchema);
  return pageResponse(await listPartnerSkus(channelData, actorOf(event), { partnerId, page }));
});
