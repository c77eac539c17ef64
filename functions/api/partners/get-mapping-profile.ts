import { getMappingProfile } from '../../../domain/channel-files/mapping-profile-use-cases';
import { channelData } from '../../channel-data/channel-data-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json, recordResponse } from '../../shared/http/response';
import { mappingProfilePathSchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const found = await getMappingProfile(
    channelData,
    actorOf(event),
    pathParams(event, mappingProfilePathSchema),
  );
  return 'version' in found ? recordResponse(found) : json(200, found);
});
