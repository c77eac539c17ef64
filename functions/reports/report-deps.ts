import { loadConfig } from '../shared/config';
import { createReportDeps } from './create-report-deps';

/** Built once per Lambda container: everything the report functions read. */
export const reportDeps = createReportDeps(loadConfig());
