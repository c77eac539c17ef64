import { removeHouseAccount } from '../../../domain/deal-registration/house-account-use-cases';
import { dealRegistrations } from '../../deal-registration/deal-registration-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { houseAccountPathSchema } from '../deal-registration-schemas';

/** Admin: takes a customer off the house account list. */
export const handler = httpApi(async (event) => {
  const { houseAccountId } = pathParams(event, houseAccountPathSchema);
  await removeHouseAccount(dealRegistrations, actorOf(event), houseAccountId);
  return json(200, { houseAccountId, removed: true });
});
