import { listChannelFiles } from '../../../domain/channel-files/channel-file-queries';
import { channelData } from '../../channel-data/channel-data-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { queryParams } from '../../shared/http/request';
import { pageResponse } from '../../shared/http/response';
import { partnerScopedPageQuerySchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { partnerId, limit, cursor } = queryParams(event, partnerScopedPageQuerySchema);
  return pageResponse(
    await listChannelFiles(channelData.files, actorOf(event), { partnerId, page: { limit, cursor } }),
  );
});
