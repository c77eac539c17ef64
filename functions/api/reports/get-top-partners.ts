import { topPartnersReport } from '../../../domain/reports/report-use-cases';
import { reportDeps } from '../../reports/report-deps';
import { actorOf } from '../../shared/http/auth-context';
import { httpApi } from '../../shared/http/http-api';
import { queryParams } from '../../shared/http/request';
import { topPartnersQuerySchema } from '../report-schemas';
import { reportResponse } from './report-response';

/** The partners that earned or sold most per currency (staff), as JSON or CSV. */
export const handler = httpApi(async (event) => {
  const { format, ...input } = queryParams(event, topPartnersQuerySchema);
  const items = await topPartnersReport(reportDeps, actorOf(event), input);
  return reportResponse(
    format,
    { items },
    {
      rows: items as ((typeof items)[number] & { earned?: string; revenue?: string })[],
      columns: ['currency', 'rank', 'partnerId', input.by],
      name: `top-partners-by-${input.by}`,
    },
  );
});
