import { listDealReminders } from '../../../domain/deal-registration/deal-reminder';
import { dealRegistrations } from '../../deal-registration/deal-registration-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pageQuery, pageResponse } from '../../shared/http/paging';
import { dealReminderListQuerySchema } from '../deal-registration-schemas';

/** Expiry reminders newest first: a partner user's own; staff one partner's or every partner's. */
export const handler = httpApi(async (event) => {
  const query = pageQuery(event, dealReminderListQuerySchema);
  return pageResponse(event, await listDealReminders(dealRegistrations, actorOf(event), query));
});
