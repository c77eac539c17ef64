import { getChannelFile } from '../../../domain/channel-files/channel-file-queries';
import { channelData } from '../../channel-data/channel-data-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { channelFilePathSchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { fileId } = pathParams(event, channelFilePathSchema);
  return recordResponse(await getChannelFile(channelData.files, actorOf(event), fileId));
});
