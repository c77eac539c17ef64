import { getPartnerSku } from '../../../domain/channel-files/partner-sku-use-cases';
import { channelData } from '../../channel-data/channel-data-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { partnerSkuPathSchema } from '../api-schemas';

export const handler = httpApi(async (event) =>
  recordResponse(await getPartnerSku(channelData, actorOf(event), pathParams(event, partnerSkuPathSchema))),
);
