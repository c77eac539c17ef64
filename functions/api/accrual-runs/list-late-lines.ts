import { lateLinesOfRun } from '../../../domain/accrual-runs/late-lines';
import { accruals } from '../../accruals/accrual-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { runProgramPathSchema } from '../api-schemas';

/** The late or restated lines behind a run's true-ups of periods an earlier run had measured. */
export const handler = httpApi(async (event) => {
  const { runId, programId } = pathParams(event, runProgramPathSchema);
  return json(200, { items: await lateLinesOfRun(accruals, actorOf(event), { runId, programId }) });
});
