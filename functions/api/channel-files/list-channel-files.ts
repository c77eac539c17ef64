import { listChannelFiles } from '../../../domain/channel-files/channel-file-queries';
import { channelData } from '../../channel-data/channel-data-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { partnerScopedPageQuerySchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { partnerId, limit, cursor } = pageQuery(event, partnerScopedPageQuerySchema);
  return pageResponse(
    event,
    await listChannelFiles(channelData.files, actorOf(event), { partnerId, page: { limit, cursor } }),
  );
});
