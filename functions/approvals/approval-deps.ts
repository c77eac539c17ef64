import { z } from 'zod';
import type { ApprovalDeps, RequestApprovalDeps } from '../../domain/approvals/ports';
import { settleDecidedClaim } from '../../domain/claims/settle-decided-claim';
import { fundRequestApprovals } from '../../domain/funds/fund-request-use-cases';
import { debitAuthorizationApprovals } from '../../domain/ship-and-debit/debit-authorization-use-cases';
import { approvalPolicyStore } from '../adapters/approval-policy-store';
import { DynamoApprovalTaskStore } from '../adapters/dynamo-approval-task-store';
import { readTogether } from '../adapters/dynamo-batch';
import { DynamoClaimFunds } from '../adapters/dynamo-claim-funds';
import { DynamoClaimStore } from '../adapters/dynamo-claim-store';
import { createDocumentClient } from '../adapters/dynamo-client';
import { createEventBridgeClient, EventBridgePublisher } from '../adapters/eventbridge-publisher';
import { SfnApprovalResumer } from '../adapters/sfn-approval-resumer';
import { createSfnClient } from '../adapters/sfn-client';
import { createFundDeps, fundSettings } from '../funds/create-fund-deps';
import { loadSettings } from '../shared/config';
import { createDebitAuthorizationDeps } from '../ship-and-debit/ship-and-debit-deps';

/**
 * Settings of the approval functions: the bus (ClaimDecided, escalations), Step Functions (task tokens) and
 * what fund requests need (their fund deps name the evidence bucket, unused by a decision).
 */
export const approvalSettings = {
  ...fundSettings,
  EVENT_BUS_NAME: z.string().min(1),
  EVENTS_ENDPOINT: z.url().optional(),
  SFN_ENDPOINT: z.url().optional(),
};

/**
 * Wires the approval use cases and workflow steps (claims' and requests') to DynamoDB, Step Functions and
 * EventBridge; the requests' decisions to the fund and debit-authorization use cases.
 */
export function createApprovalDeps(
  settings: ReturnType<typeof loadApprovalSettings>,
): ApprovalDeps & RequestApprovalDeps {
  // An approval step's reads (the claim, the policy) go out as one request.
  const client = readTogether(createDocumentClient(settings));
  const table = settings.TABLE_NAME;
  const tasks = new DynamoApprovalTaskStore(client, table);
  const clock = () => new Date();
  const settleDeps = { claimFunds: new DynamoClaimFunds(client, table), clock };
  return {
    policies: approvalPolicyStore(client, table),
    claims: new DynamoClaimStore(client, table),
    tasks,
    resumer: new SfnApprovalResumer(
      createSfnClient({ region: settings.AWS_REGION, endpoint: settings.SFN_ENDPOINT }),
      tasks,
    ),
    events: new EventBridgePublisher(
      createEventBridgeClient({ region: settings.AWS_REGION, endpoint: settings.EVENTS_ENDPOINT }),
      settings.EVENT_BUS_NAME,
    ),
    settle: (claim, decidedFrom) => settleDecidedClaim(settleDeps, claim, decidedFrom),
    requests: {
      fundRequest: fundRequestApprovals(createFundDeps(settings)),
      debitAuthorizationRequest: debitAuthorizationApprovals(createDebitAuthorizationDeps(settings)),
    },
    clock,
  };
}

export const loadApprovalSettings = (env: NodeJS.ProcessEnv = process.env) =>
  loadSettings(approvalSettings, env);
