import { listDeductions } from '../../../domain/deductions/deduction-queries';
import { deductions } from '../../deductions/deduction-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { deductionListQuerySchema } from '../deduction-schemas';

/** Staff: deductions of one status, oldest first; open ones with their age (the aging report). */
export const handler = httpApi(async (event) => {
  const { status, ...page } = pageQuery(event, deductionListQuerySchema);
  return pageResponse(event, await listDeductions(deductions, actorOf(event), status, page));
});
