import { designWinReport } from '../../../domain/deal-registration/design-wins';
import { channelSales, dealRegistrations } from '../../deal-registration/deal-registration-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { registrationPathSchema } from '../deal-registration-schemas';

/** The design-win credit report of one registration: matched POS lines and totals per product. */
export const handler = httpApi(async (event) => {
  const { registrationId } = pathParams(event, registrationPathSchema);
  const deps = { registrations: dealRegistrations.registrations, sales: channelSales };
  return json(200, await designWinReport(deps, actorOf(event), registrationId));
});
