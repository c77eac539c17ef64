import { listPartnerSkus } from '../../../domain/channel-files/partner-sku-use-cases';
import { channelData } from '../../channel-data/channel-data-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { pathParams } from '../../shared/http/request';
import { pageQuerySchema, partnerPathSchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { partnerId } = pathParams(event, partnerPathSchema);
  const page = pageQuery(event, pageQuerySchema);
  return pageResponse(event, await listPartnerSkus(channelData, actorOf(event), { partnerId, page }));
});
