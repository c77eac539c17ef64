import { evidenceUploadSchema, requestEvidenceUpload } from '../../../domain/funds/fund-claim-use-cases';
import { fundDeps } from '../../funds/fund-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { fundRequestPathSchema } from '../fund-schemas';

/** A presigned PUT for one evidence file (image or PDF, ≤ 20 MiB) of the partner's own approved request. */
export const handler = httpApi(async (event) => {
  const { requestId } = pathParams(event, fundRequestPathSchema);
  const upload = jsonBody(event, evidenceUploadSchema);
  return json(201, await requestEvidenceUpload(fundDeps, actorOf(event), requestId, upload));
});
