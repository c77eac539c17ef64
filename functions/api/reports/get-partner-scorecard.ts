import { scorecardReport } from '../../../domain/reports/report-use-cases';
import { reportDeps } from '../../reports/report-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { pathParams, queryParams } from '../../shared/http/request';
import { partnerPathSchema } from '../api-schemas';
import { scorecardQuerySchema } from '../report-schemas';
import { reportResponse } from './report-response';

/** A partner's scorecard over a window of months, as JSON or (its sales rows) CSV. */
export const handler = httpApi(async (event) => {
  const { partnerId } = pathParams(event, partnerPathSchema);
  const { format, ...window } = queryParams(event, scorecardQuerySchema);
  const scorecard = await scorecardReport(reportDeps, actorOf(event), { ...window, partnerId });
  return reportResponse(format, scorecard, {
    rows: scorecard.sales,
    columns: ['currency', 'revenue', 'priorRevenue', 'growth', 'quantity', 'priorQuantity'],
    name: `scorecard-${partnerId}-${window.from}-${window.to}`,
  });
});
