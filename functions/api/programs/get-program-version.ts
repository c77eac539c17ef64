import { getProgramVersion } from '../../../domain/programs/program-lifecycle';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { programVersionPathSchema } from '../api-schemas';

export const handler = httpApi(async (event) =>
  json(200, await getProgramVersion(accruals, actorOf(event), pathParams(event, programVersionPathSchema))),
);
