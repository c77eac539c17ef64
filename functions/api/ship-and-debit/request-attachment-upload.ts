import {
  attachmentUploadSchema,
  requestAttachmentUpload,
} from '../../../domain/ship-and-debit/debit-authorization-attachments';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { attachmentDeps } from '../../ship-and-debit/attachment-deps';
import { debitAuthorizationPathSchema } from '../ship-and-debit-schemas';

/** A presigned PUT for one attachment (quote, RFQ: image, PDF, CSV or XLSX, ≤ 20 MiB) of an authorization. */
export const handler = httpApi(async (event) => {
  const { authorizationNumber } = pathParams(event, debitAuthorizationPathSchema);
  const upload = jsonBody(event, attachmentUploadSchema);
  return json(
    201,
    await requestAttachmentUpload(attachmentDeps, actorOf(event), authorizationNumber, upload),
  );
});
