import { partnerDetailsSchema } from '../../../domain/partners/partner';
import { updatePartner } from '../../../domain/partners/update-partner';
import { masterDataEditorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { ifMatchVersion, jsonBody, pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { partnerPathSchema } from '../api-schemas';
import { masterData } from '../master-data-deps';

export const handler = httpApi(async (event) => {
  const actor = masterDataEditorOf(event);
  const { partnerId } = pathParams(event, partnerPathSchema);
  const partner = await updatePartner(masterData, actor, {
    partnerId,
    expectedVersion: ifMatchVersion(event),
    details: jsonBody(event, partnerDetailsSchema),
  });
  return recordResponse(partner);
});
