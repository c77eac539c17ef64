import { createPartner } from '../../../domain/partners/create-partner';
import { newPartnerSchema } from '../../../domain/partners/partner';
import { masterDataEditorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { masterData } from '../master-data-deps';

export const handler = httpApi(async (event) => {
  const partner = await createPartner(
    masterData,
    masterDataEditorOf(event),
    jsonBody(event, newPartnerSchema),
  );
  return recordResponse(partner, 201);
});
