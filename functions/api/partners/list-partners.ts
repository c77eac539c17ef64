import { listPartners } from '../../../domain/partners/list-partners';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { partnerListQuerySchema } from '../api-schemas';
import { masterData } from '../master-data-deps';

export const handler = httpApi(async (event) => {
  const { partnerType, ...page } = pageQuery(event, partnerListQuerySchema);
  return pageResponse(event, await listPartners(masterData, actorOf(event), { ...page, group: partnerType }));
});
