import { listPartners } from '../../../domain/partners/list-partners';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { queryParams } from '../../shared/http/request';
import { pageResponse } from '../../shared/http/response';
import { partnerListQuerySchema } from '../api-schemas';
import { masterData } from '../master-data-deps';

export const handler = httpApi(async (event) => {
  const { partnerType, ...page } = queryParams(event, partnerListQuerySchema);
  return pageResponse(await listPartners(masterData, actorOf(event), { ...page, group: partnerType }));
});
