import { linesOfFile } from '../../../domain/channel-files/channel-line-queries';
import { channelData } from '../../channel-data/channel-data-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams, queryParams } from '../../shared/http/request';
import { pageResponse } from '../../shared/http/response';
import { channelFilePathSchema, pageQuerySchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { fileId } = pathParams(event, channelFilePathSchema);
  const page = queryParams(event, pageQuerySchema);
  return pageResponse(await linesOfFile(channelData, actorOf(event), fileId, page));
});
