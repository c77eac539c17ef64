import { activateProgram } from '../../../domain/programs/program-lifecycle';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { ifMatchVersion, pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { programPathSchema } from '../api-schemas';

/** An approver puts the draft in force as the next program version. */
export const handler = httpApi(async (event) => {
  const { programId } = pathParams(event, programPathSchema);
  const saved = await activateProgram(accruals, actorOf(event), {
    programId,
    expectedVersion: ifMatchVersion(event),
  });
  return recordResponse(saved);
});
