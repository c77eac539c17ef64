import { getPartner } from '../../../domain/partners/get-partner';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { partnerPathSchema } from '../api-schemas';
import { masterData } from '../master-data-deps';

export const handler = httpApi(async (event) => {
  const { partnerId } = pathParams(event, partnerPathSchema);
  return recordResponse(await getPartner(masterData, actorOf(event), partnerId));
});
