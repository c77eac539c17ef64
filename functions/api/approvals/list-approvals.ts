import { listInbox } from '../../../domain/approvals/approval-use-cases';
import { approvals } from '../../approvals/approvals';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { pageQuerySchema } from '../api-schemas';

/** The caller's inbox: approval tasks waiting for their role, oldest first. */
export const handler = httpApi(async (event) => {
  const page = pageQuery(event, pageQuerySchema);
  return pageResponse(event, await listInbox(approvals, actorOf(event), page));
});
