import { programDefinitionSchema } from '../../../domain/programs/program';
import { createProgram } from '../../../domain/programs/program-lifecycle';
import { accruals } from '../../accruals/accrual-deps';
import { masterDataEditorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody } from '../../shared/http/request';
import { recordResponse } from '../../shared/http/response';

/** Drafts a program; it accrues nothing until an approver activates it. */
export const handler = httpApi(async (event) => {
  const actor = masterDataEditorOf(event);
  const definition = jsonBody(event, programDefinitionSchema);
  return recordResponse(await createProgram(accruals, actor, definition), 201);
});
