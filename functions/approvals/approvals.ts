import { createApprovalDeps, loadApprovalSettings } from './approval-deps';

/** Built once per Lambda container and shared by its invocations. */
export const approvals = createApprovalDeps(loadApprovalSettings());
