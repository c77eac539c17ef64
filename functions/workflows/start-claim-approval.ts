import type { EventBridgeEvent } from 'aws-lambda';
import { z } from 'zod';
import { claimSubmittedV1 } from '../../events/claim-submitted.v1';
import { SfnClaimApprovalWorkflow } from '../adapters/sfn-claim-approval-workflow';
import { createSfnClient } from '../adapters/sfn-client';
import { loadSettings } from '../shared/config';
import { lambdaEntry } from '../shared/entry-points';
import { logger } from '../shared/logger';

const settings = loadSettings({
  CLAIM_APPROVAL_STATE_MACHINE_ARN: z.string().min(1),
  SFN_ENDPOINT: z.url().optional(),
});
const workflow = new SfnClaimApprovalWorkflow(
  createSfnClient({ region: settings.AWS_REGION, endpoint: settings.SFN_ENDPOINT }),
  settings.CLAIM_APPROVAL_STATE_MACHINE_ARN,
);

/**
 * Target of the ClaimSubmitted rule: starts the claim's approval workflow, named after the claim, so a
 * repeated delivery or submit starts nothing more. A detail that breaks the contract fails loudly (the
 * rule's retry and dead-letter handling keep it), never silently.
 */
export const handler = lambdaEntry(async (event: EventBridgeEvent<'ClaimSubmitted', unknown>) => {
  const detail = claimSubmittedV1.parse(event.detail);
  logger.appendKeys({ claimId: detail.claimId });
  await workflow.start({ claimId: detail.claimId });
});
