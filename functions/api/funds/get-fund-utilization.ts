import { fundUtilization } from '../../../domain/funds/fund-utilization';
import { fundDeps } from '../../funds/fund-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { fundPathSchema } from '../fund-schemas';

/** One fund's utilization: allocated, reserved, claimed, paid, expired, available. */
export const handler = httpApi(async (event) => {
  const { fundId } = pathParams(event, fundPathSchema);
  return json(200, await fundUtilization(fundDeps, actorOf(event), fundId));
});
