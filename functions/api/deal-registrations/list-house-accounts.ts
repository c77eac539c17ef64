import { listHouseAccounts } from '../../../domain/deal-registration/house-account-use-cases';
import { dealRegistrations } from '../../deal-registration/deal-registration-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { pageQuerySchema } from '../api-schemas';

/** Staff: the customers the manufacturer serves directly. */
export const handler = httpApi(async (event) => {
  const page = pageQuery(event, pageQuerySchema);
  return pageResponse(event, await listHouseAccounts(dealRegistrations, actorOf(event), page));
});
