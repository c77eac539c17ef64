import { saveMappingProfile } from '../../../domain/channel-files/mapping-profile-use-cases';
import { mappingProfileSchema } from '../../../domain/ingestion/mapping-profile';
import { channelData } from '../../channel-data/channel-data-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { ifMatchVersion, jsonBody, pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { mappingProfilePathSchema } from '../api-schemas';

/** Creates the profile (no If-Match) or replaces the version read (If-Match). */
export const handler = httpApi(async (event) => {
  const actor = actorOf(event);
  const path = pathParams(event, mappingProfilePathSchema);
  const expectedVersion = event.headers['if-match'] === undefined ? undefined : ifMatchVersion(event);
  const profile = jsonBody(event, mappingProfileSchema);
  const saved = await saveMappingProfile(channelData, actor, { ...path, profile, expectedVersion });
  return recordResponse(saved, saved.version === 1 ? 201 : 200);
});
