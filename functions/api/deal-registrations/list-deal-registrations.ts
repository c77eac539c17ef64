import { listDealRegistrations } from '../../../domain/deal-registration/deal-registration-queries';
import { dealRegistrations } from '../../deal-registration/deal-registration-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { dealRegistrationListQuerySchema } from '../deal-registration-schemas';

/** Registrations oldest first: a partner user's own; staff one partner's or one status's. */
export const handler = httpApi(async (event) => {
  const { status, partnerId, ...page } = pageQuery(event, dealRegistrationListQuerySchema);
  return pageResponse(
    event,
    await listDealRegistrations(dealRegistrations, actorOf(event), { status, partnerId }, page),
  );
});
