import { programDefinitionSchema } from '../../../domain/programs/program';
import { reviseProgram } from '../../../domain/programs/program-lifecycle';
import { accruals } from '../../accruals/accrual-deps';
import { masterDataEditorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { ifMatchVersion, jsonBody, pathParams } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';
import { programPathSchema } from '../api-schemas';

/** Replaces the pending draft (a new program's, or an amendment of the active version). */
export const handler = httpApi(async (event) => {
  const actor = masterDataEditorOf(event);
  const { programId } = pathParams(event, programPathSchema);
  const expectedVersion = ifMatchVersion(event);
  const definition = jsonBody(event, programDefinitionSchema);
  return recordResponse(await reviseProgram(accruals, actor, { programId, expectedVersion, definition }));
});
