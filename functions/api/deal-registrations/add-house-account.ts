import { addHouseAccount } from '../../../domain/deal-registration/house-account-use-cases';
import { dealRegistrations } from '../../deal-registration/deal-registration-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { houseAccountRequestSchema } from '../deal-registration-schemas';

/** Admin: adds a customer to the house account list; registrations naming it are rejected from now on. */
export const handler = httpApi(async (event) => {
  const request = jsonBody(event, houseAccountRequestSchema);
  const house = await addHouseAccount(dealRegistrations, actorOf(event), request);
  return json(201, house, { location: `/house-accounts/${house.houseAccountId}` });
});
