import { listAttachments } from '../../../domain/ship-and-debit/debit-authorization-attachments';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { attachmentDeps } from '../../ship-and-debit/attachment-deps';
import { debitAuthorizationPathSchema } from '../ship-and-debit-schemas';

/** An authorization's attachments with short-lived download links; another partner's is a 404. */
export const handler = httpApi(async (event) => {
  const { authorizationNumber } = pathParams(event, debitAuthorizationPathSchema);
  return json(200, await listAttachments(attachmentDeps, actorOf(event), authorizationNumber));
});
