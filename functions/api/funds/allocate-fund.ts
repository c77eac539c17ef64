import { allocateFund } from '../../../domain/funds/allocate-fund';
import { fundAllocationSchema } from '../../../domain/funds/fund';
import { fundView } from '../../../domain/funds/fund-schemas';
import { fundDeps } from '../../funds/fund-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody } from '../../shared/http/request';
import { json } from '../../shared/http/response';

/** A channel manager allocates an MDF budget or opens an accrual fund: 201 with the fund. */
export const handler = httpApi(async (event) => {
  const fund = await allocateFund(fundDeps, actorOf(event), jsonBody(event, fundAllocationSchema));
  return json(201, fundView(fund), { location: `/funds/${fund.fundId}` });
});
