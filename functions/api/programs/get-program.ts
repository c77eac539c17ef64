import { getProgram } from '../../../domain/programs/program-lifecycle';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { programPathSchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const { programId } = pathParams(event, programPathSchema);
  return recordResponse(await getProgram(accruals, actorOf(event), programId));
});
