import { importDeductions } from '../../../domain/deductions/import-deductions';
import { deductions } from '../../deductions/deduction-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { jsonBody } from '../../shared/http/request';
import { json } from '../../shared/http/response';
import { deductionImportSchema } from '../deduction-schemas';

/** Finance imports a receivables CSV: counts, per-line rejections and the deductions created. */
export const handler = httpApi(async (event) => {
  const { csv } = jsonBody(event, deductionImportSchema);
  return json(200, await importDeductions(deductions, actorOf(event), csv));
});
