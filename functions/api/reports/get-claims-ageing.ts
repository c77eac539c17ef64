import { claimsAgeingReport } from '../../../domain/reports/report-use-cases';
import { reportDeps } from '../../reports/report-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { queryParams } from '../../shared/http/request';
import { claimsAgeingQuerySchema } from '../report-schemas';
import { reportResponse } from './report-response';

/** Open claims by status, currency and age (UTC days to today), as JSON or CSV. */
export const handler = httpApi(async (event) => {
  const { format, ...input } = queryParams(event, claimsAgeingQuerySchema);
  const asOf = reportDeps.clock().toISOString().slice(0, 10);
  const report = await claimsAgeingReport(reportDeps, actorOf(event), { ...input, asOf });
  return reportResponse(format, report, {
    rows: report.rows,
    columns: ['status', 'currency', 'bucket', 'claims', 'amount'],
    name: `claims-ageing-${asOf}`,
  });
});
