import { linesOfFile } from '../../../domain/channel-files/channel-line-queries';
import { channelData } from '../../channel-data/channel-data-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { pathParams } from '../../shared/http/request';
import { channelFilePathSchema, pageQuerySchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { fileId } = pathParams(event, channelFilePathSchema);
  const page = pageQuery(event, pageQuerySchema);
  return pageResponse(event, await linesOfFile(channelData, actorOf(event), fileId, page));
});
