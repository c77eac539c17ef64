import { beforeAll, describe, expect, it } from 'vitest';
import { settleClaimApproval, startClaimApproval } from '../../domain/approvals/approval-workflow-steps';
import type { ApprovalDeps } from '../../domain/approvals/ports';
import { claimRequestSchema } from '../../domain/claims/claim-request';
import { settleDecidedClaim } from '../../domain/claims/settle-decided-claim';
import { type ClaimDeps, submitClaim } from '../../domain/claims/submit-claim';
import { buildCheckbooks } from '../../domain/ledger/checkbook';
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
import { commandsOf, countCommands, type SentCommand } from '../support/dynamodb-calls';
import { fixedClock } from '../support/in-memory-record-store';
import { createTestTable } from '../support/test-table';
import { RecordingResumer } from '../unit/approvals/fakes';
import { claimRequest, RecordingPublisher } from '../unit/claims/claim-deps';
import { posting } from '../unit/ledger/builders';
import { activeProgram } from '../unit/programs/builders';

const clock = fixedClock('2026-04-02T10:00:00.000Z');
let sent: SentCommand[];
let sentBy: (act: () => Promise<unknown>) => Promise<SentCommand[]>;
let claimDeps: ClaimDeps;
let approvalDeps: ApprovalDeps;
let events: RecordingPublisher;
let ledgerReader: DynamoAccrualLedger;

beforeAll(async () => {
  await createTestTable();
  const config = loadConfig();
  const client = createDocumentClient(config);
  // Counting from the first read: the read client resolves each command's middleware once (countCommands).
  ({ sent, sentBy } = countCommands(client));
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
  claimDeps = { claims, claimFunds, programs: stores.programs, events, clock, claimIdFor };
  ledgerReader = ledger;
  approvalDeps = {
    policies,
    claims,
    tasks: new DynamoApprovalTaskStore(client, table),
    resumer: new RecordingResumer(),
    events,
    settle: (claim, decidedFrom) => settleDecidedClaim({ claimFunds, clock }, claim, decidedFrom),
    clock,
  };
  sent.length = 0;
});

/** One claim of `amount` (one line, `reference`) from submit to payable, auto-approved and settled. */
async function claimToPayable(amount: string, reference: string, idempotencyKey?: string) {
  const request = claimRequestSchema.parse(
    claimRequest([amount], { lines: [{ amount, reference, evidence: [] }] }),
  );
  const { claim } = await submitClaim(claimDeps, partnerUser('P1'), { request, idempotencyKey });
  const state = await startClaimApproval(approvalDeps, { claimId: claim.claimId });
  expect(state.next).toBe('settle');
  await settleClaimApproval(approvalDeps, state);
  return { claim, request };
}

describe('DynamoDB calls of one claim, on DynamoDB Local', () => {
  it('an auto-approved claim from submit to payable: the calls counted, the claim settled exactly once', async () => {
    const { claim, request } = await claimToPayable('100.00', 'INV-1', 'k-1');

    // A regression guard: a change that adds a DynamoDB call on this path has to change this list.
    expect(commandsOf(sent)).toEqual([
      // submit: validation's reads in one round trip (fund with its credit and draws, and references in
      // one BatchGet; program), then the fund's credit summed from its postings once (the accrual wrote the
      // fund item before it kept a base: see claim-fund-credits.ts), the reservation
      'BatchGetItemCommand',
      'GetItemCommand',
      'QueryCommand',
      'UpdateItemCommand',
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
    const postings = await ledgerReader.checkbookPostings('P1', 'VOL-2026');
    expect(postings.filter((entry) => entry.kind === 'claim').map((entry) => entry.amount)).toEqual([
      '100.00',
    ]);
    expect(events.events.map((event) => event.detailType)).toEqual(['ClaimSubmitted', 'ClaimDecided']);

    // A resent submit (same Idempotency-Key) still answers the claim it made, found without an up-front read.
    const again = await submitClaim(claimDeps, partnerUser('P1'), { request, idempotencyKey: 'k-1' });
    expect(again).toEqual({ claim: stored, created: false });
  });

  it('a claim on a fund with 5 more settled claims costs the same calls, each reading as many items', async () => {
    // After the first claim the fund's credit is kept on its item: the one-off sum is behind us.
    const early = await sentBy(() => claimToPayable('1.00', 'EARLY'));
    for (let index = 0; index < 5; index++) await claimToPayable('1.00', `HISTORY-${index}`);
    const late = await sentBy(() => claimToPayable('1.00', 'LATE'));

    // Read before the fund kept its credit, the checkbook's Query read one more posting per settled claim.
    expect(late).toEqual(early);
    expect(commandsOf(late)).toEqual([
      'BatchGetItemCommand',
      'GetItemCommand',
      'TransactWriteItemsCommand',
      'GetItemCommand',
      'GetItemCommand',
      'TransactWriteItemsCommand',
    ]);
    // 250.00 earned − 100.00 − 7 × 1.00 settled, to the cent, as the checkbook sums the postings.
    const fund = await claimDeps.claimFunds.fundAndReferences(claimOf('LATE'));
    expect(fund.credited - fund.draws.drawn).toBe(14300n);
    const [book] = buildCheckbooks(await ledgerReader.checkbookPostings('P1', 'VOL-2026'));
    expect(book?.availableToClaim).toBe('143.00');
  });
});

/** A claim on P1's fund holding `reference`, as fundAndReferences reads it. */
const claimOf = (reference: string) => ({
  ...claimRequest(['1.00']),
  claimId: 'CLM-PROBE',
  partnerId: 'P1',
  lines: [{ lineNumber: 1, amount: '1.00', reference, evidence: [] }],
  amountClaimed: '1.00',
  status: 'submitted' as const,
  submittedBy: { userId: 'u', role: 'partner' as const },
  submittedAt: '2026-04-02T10:00:00.000Z',
  validationFailures: [],
  history: [],
  version: 1,
});
