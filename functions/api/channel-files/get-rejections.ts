import { rejectionReportCsv, rejectionsOfFile } from '../../../domain/channel-files/channel-line-queries';
import { channelData } from '../../channel-data/channel-data-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { pathParams } from '../../shared/http/request';
import { channelFilePathSchema, rejectionsQuerySchema } from '../api-schemas';

/** Rejected lines as JSON pages, or the whole report as a CSV download (`?format=csv`). */
export const handler = httpApi(async (event) => {
  const { fileId } = pathParams(event, channelFilePathSchema);
  const { format, limit, cursor } = pageQuery(event, rejectionsQuerySchema);
  if (format === 'json')
    return pageResponse(
      event,
      await rejectionsOfFile(channelData, actorOf(event), fileId, { limit, cursor }),
    );
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="rejections-${fileId}.csv"`,
    },
    body: await rejectionReportCsv(channelData, actorOf(event), fileId),
  };
});
