import { loadSettings } from '../shared/config';
import { createRequestApprovalWorkflow, requestApprovalWorkflowSettings } from './request-approval-workflow';

/** Built once per Lambda container of a route that submits a request (fund request, authorization request). */
export const approvalWorkflow = createRequestApprovalWorkflow(loadSettings(requestApprovalWorkflowSettings));
