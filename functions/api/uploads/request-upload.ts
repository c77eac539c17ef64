import { requestUpload, uploadRequestSchema } from '../../../domain/channel-files/request-upload';
import { channelData } from '../../channel-data/channel-data-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody } from '../../shared/http/request';
import { json } from '../../shared/http/response';

export const handler = httpApi(async (event) => {
  const ticket = await requestUpload(channelData, actorOf(event), jsonBody(event, uploadRequestSchema));
  return json(201, ticket);
});
