import { liabilitiesReport } from '../../../domain/reports/report-use-cases';
import { reportDeps } from '../../reports/report-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { queryParams } from '../../shared/http/request';
import { liabilitiesQuerySchema } from '../report-schemas';
import { reportResponse } from './report-response';

/** Open liability by program, partner, program period and currency, as JSON or CSV. */
export const handler = httpApi(async (event) => {
  const { format, ...filter } = queryParams(event, liabilitiesQuerySchema);
  const report = await liabilitiesReport(reportDeps, actorOf(event), filter);
  return reportResponse(format, report, {
    rows: report.rows,
    columns: [
      'programId',
      'partnerId',
      'period',
      'currency',
      'earned',
      'adjustments',
      'claimed',
      'paid',
      'payable',
      'availableToClaim',
      'balance',
    ],
    name: 'liabilities',
  });
});
