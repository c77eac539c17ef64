import { z } from 'zod';
import { createSfnClient } from '../adapters/sfn-client';
import { SfnRequestApprovalWorkflow } from '../adapters/sfn-request-approval-workflow';
import type { loadSettings } from '../shared/config';

/** Settings of the routes that submit a request: the request-approval state machine they start. */
export const requestApprovalWorkflowSettings = {
  REQUEST_APPROVAL_STATE_MACHINE_ARN: z.string().min(1),
  SFN_ENDPOINT: z.url().optional(),
};

/** The request-approval workflow starter, for `settings` (a route's environment, or the local demo's). */
export const createRequestApprovalWorkflow = (
  settings: ReturnType<typeof loadSettings<typeof requestApprovalWorkflowSettings>>,
) =>
  new SfnRequestApprovalWorkflow(
    createSfnClient({ region: settings.AWS_REGION, endpoint: settings.SFN_ENDPOINT }),
    settings.REQUEST_APPROVAL_STATE_MACHINE_ARN,
  );
