import { fundMovements } from '../../../domain/funds/allocate-fund';
import { fundDeps } from '../../funds/fund-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { fundPathSchema } from '../fund-schemas';

/** A fund's posted movements (allocation, reservations, releases, claims, expiry), oldest first. */
export const handler = httpApi(async (event) => {
  const { fundId } = pathParams(event, fundPathSchema);
  return json(200, { items: await fundMovements(fundDeps, actorOf(event), fundId) });
});
