import { failChannelFile } from '../../../domain/channel-files/file-recovery';
import { channelData } from '../../channel-data/channel-data-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { channelFilePathSchema, failChannelFileSchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { fileId } = pathParams(event, channelFilePathSchema);
  const { reason } = jsonBody(event, failChannelFileSchema);
  return recordResponse(await failChannelFile(channelData, actorOf(event), { fileId, reason }));
});
