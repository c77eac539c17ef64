import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { settleClaimApproval, startClaimApproval } from '../../domain/approvals/approval-workflow-steps';
import type { ApprovalDeps } from '../../domain/approvals/ports';
import { claimRequestSchema } from '../../domain/claims/claim-request';
import { settleDecidedClaim } from '../../domain/claims/settle-decided-claim';
import { type ClaimDeps, submitClaim } from '../../domain/claims/submit-claim';
import { accrualStores } from '../../functions/adapters/accrual-stores';
import { approvalPolicyStore } from '../../functions/adapters/approval-policy-store';
import { DynamoAccrualLedger } from '../../functions/adapters/dynamo-accrual-ledger';
import { DynamoApprovalTaskStore } from '../../functions/adapters/dynamo-approval-task-store';
import { DynamoClaimFunds } from '../../functions/adapters/dynamo-claim-funds';
import { DynamoClaimStore } from '../../functions/adapters/dynamo-claim-store';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { claimIdFor } from '../../functions/claims/create-claim-deps';
import { loadConfig } from '../../functions/shared/config';
import { partnerUser } from '../support/actors';
import { storedUsdPolicy } from '../support/approval-policy-fixture';
import { fixedClock } from '../support/in-memory-record-store';
import { createTestTable } from '../support/test-table';
import { RecordingResumer } from '../unit/approvals/fakes';
import { claimRequest, RecordingPublisher } from '../unit/claims/claim-deps';
import { posting } from '../unit/ledger/builders';
import { activeProgram } from '../unit/programs/builders';

/** Every DynamoDB command the client sends, by name, in order. */
function countCommands(client: DynamoDBDocumentClient): string[] {
  const sent: string[] = [];
  client.middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name: 'countCommands' },
  );
  return sent;
}

const clock = fixedClock('2026-04-02T10:00:00.000Z');
let sent: string[];
let claimDeps: ClaimDeps;
let approvalDeps: ApprovalDeps;
let events: RecordingPublisher;

beforeAll(async () => {
  await createTestTable();
  const config = loadConfig();
  const client = createDocumentClient(config);
  const table = config.TABLE_NAME;
  const stores = accrualStores(client, table);
  await activeProgram({ programs: stores.programs, programVersions: stores.programVersions, clock });
  const ledger = new DynamoAccrualLedger(client, table);
  await ledger.postIndependent(
    posting('accrual', {
      programId: 'VOL-2026',
      period: '2026-03',
      beneficiaryPartnerId: 'P1',
      amount: '250.00',
    }),
  );
  const policies = approvalPolicyStore(client, table);
  await policies.create(storedUsdPolicy('500.00'));
  const claims = new DynamoClaimStore(client, table);
  const claimFunds = new DynamoClaimFunds(client, table);
  events = new RecordingPublisher();
  claimDeps = { claims, claimFunds, programs: stores.programs, ledger, events, clock, claimIdFor };
  approvalDeps = {
    policies,
    claims,
    tasks: new DynamoApprovalTaskStore(client, table),
    resumer: new RecordingResumer(),
    events,
    settle: (claim, decidedFrom) => settleDecidedClaim({ claimFunds, clock }, claim, decidedFrom),
    clock,
  };
  sent = countCommands(client);
});

describe('DynamoDB calls of one claim, on DynamoDB Local', () => {
  it('an auto-approved claim from submit to payable: the calls counted, the claim settled exactly once', async () => {
    const request = claimRequestSchema.parse(claimRequest(['100.00']));
    const { claim } = await submitClaim(claimDeps, partnerUser('P1'), { request, idempotencyKey: 'k-1' });
    const state = await startClaimApproval(approvalDeps, { claimId: claim.claimId });
    expect(state.next).toBe('settle');
    await settleClaimApproval(approvalDeps, state);

    // A regression guard: a change that adds a DynamoDB call on this path has to change this list.
    expect(sent).toEqual([
      // submit: validation's reads in one round trip (fund and references in one BatchGet, program,
      // checkbook), the reservation
      'BatchGetItemCommand',
      'GetItemCommand',
      'QueryCommand',
      'TransactWriteItemsCommand',
      // begin: the claim and the policy, then into approval, approved and settled (ledger posting,
      // reservation's end) in one write; the settle step, from the state the workflow carries, only publishes
      'GetItemCommand',
      'GetItemCommand',
      'TransactWriteItemsCommand',
    ]);

    const stored = await approvalDeps.claims.get(claim.claimId);
    expect(stored?.status).toBe('approved');
    expect(stored?.history.map((entry) => entry.to)).toEqual([
      'submitted',
      'validated',
      'inApproval',
      'approved',
    ]);
    expect(await claimDeps.claimFunds.draws(claim)).toEqual({ reserved: 0n, settled: 10000n, drawn: 10000n });
    const postings = await claimDeps.ledger.checkbookPostings('P1', 'VOL-2026');
    expect(postings.filter((entry) => entry.kind === 'claim').map((entry) => entry.amount)).toEqual([
      '100.00',
    ]);
    expect(events.events.map((event) => event.detailType)).toEqual(['ClaimSubmitted', 'ClaimDecided']);

    // A resent submit (same Idempotency-Key) still answers the claim it made, found without an up-front read.
    const again = await submitClaim(claimDeps, partnerUser('P1'), { request, idempotencyKey: 'k-1' });
    expect(again).toEqual({ claim: stored, created: false });
  });
});
