import { closeProgram } from '../../../domain/programs/program-lifecycle';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { ifMatchVersion, jsonBody, pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { closeProgramSchema, programPathSchema } from '../api-schemas';

export const handler = httpApi(async (event) => {
  const actor = actorOf(event);
  const { programId } = pathParams(event, programPathSchema);
  const expectedVersion = ifMatchVersion(event);
  const { reason } = jsonBody(event, closeProgramSchema);
  return recordResponse(await closeProgram(accruals, actor, { programId, expectedVersion, reason }));
});
