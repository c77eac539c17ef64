import { writeOffDeduction } from '../../../domain/deductions/deduction-decisions';
import { deductions } from '../../deductions/deduction-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody, pathParams } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { deductionPathSchema, deductionWriteOffSchema } from '../deduction-schemas';

/** Finance writes a deduction off with a reason code; a second decision is 409. */
export const handler = httpApi(async (event) => {
  const { deductionId } = pathParams(event, deductionPathSchema);
  return json(
    200,
    await writeOffDeduction(
      deductions,
      actorOf(event),
      deductionId,
      jsonBody(event, deductionWriteOffSchema),
    ),
  );
});
