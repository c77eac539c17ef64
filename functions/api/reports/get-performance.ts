import { performanceReport } from '../../../domain/reports/report-use-cases';
import { reportDeps } from '../../reports/report-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { queryParams } from '../../shared/http/request';
import { performanceQuerySchema } from '../report-schemas';
import { reportResponse } from './report-response';

/** Sales by partner type, region, country or category per currency (staff), as JSON or CSV. */
export const handler = httpApi(async (event) => {
  const { format, ...input } = queryParams(event, performanceQuerySchema);
  const items = await performanceReport(reportDeps, actorOf(event), input);
  return reportResponse(
    format,
    { items },
    {
      rows: items,
      columns: ['group', 'currency', 'quantity', 'revenue', 'lines', 'partners'],
      name: `performance-${input.by}-${input.from}-${input.to}`,
    },
  );
});
