import { salesInMonth } from '../../../domain/channel-files/channel-line-queries';
import { channelData } from '../../channel-data/channel-data-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { salesInMonthQuerySchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { partnerId, month, limit, cursor } = pageQuery(event, salesInMonthQuerySchema);
  return pageResponse(
    event,
    await salesInMonth(channelData, actorOf(event), { partnerId, month, page: { limit, cursor } }),
  );
});
