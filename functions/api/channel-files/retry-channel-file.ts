import { retryChannelFile } from '../../../domain/channel-files/file-recovery';
import { fileRecovery } from '../../channel-data/file-recovery-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { channelFilePathSchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { fileId } = pathParams(event, channelFilePathSchema);
  return recordResponse(await retryChannelFile(fileRecovery, actorOf(event), { fileId }));
});
