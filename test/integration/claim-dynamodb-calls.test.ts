import { DeleteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { startClaimApproval } from '../../domain/approvals/approval-workflow-steps';
import type { ApprovalDeps } from '../../domain/approvals/ports';
import { submitBulkClaims } from '../../domain/claims/bulk-claims';
import type { ClaimFundScope } from '../../domain/claims/claim-fund';
import { claimRequestSchema } from '../../domain/claims/claim-request';
import { settleDecidedClaim } from '../../domain/claims/settle-decided-claim';
import { type ClaimDeps, submitClaim } from '../../domain/claims/submit-claim';
import { buildCheckbooks } from '../../domain/ledger/checkbook';
import { accrualStores } from '../../functions/adapters/accrual-stores';
import { approvalPolicyStore } from '../../functions/adapters/approval-policy-store';
import { DynamoAccrualLedger } from '../../functions/adapters/dynamo-accrual-ledger';
import { DynamoApprovalTaskStore } from '../../functions/adapters/dynamo-approval-task-store';
import { readTogether } from '../../functions/adapters/dynamo-batch';
import { DynamoClaimFunds } from '../../functions/adapters/dynamo-claim-funds';
import { DynamoClaimStore } from '../../functions/adapters/dynamo-claim-store';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { claimFundKeys } from '../../functions/adapters/table-keys/claims';
import { liabilityShards } from '../../functions/adapters/table-keys/reports';
import { claimIdFor } from '../../functions/claims/create-claim-deps';
import { loadConfig } from '../../functions/shared/config';
import { finance, partnerUser } from '../support/actors';
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
let documentClient: DynamoDBDocumentClient;

beforeAll(async () => {
  await createTestTable();
  const config = loadConfig();
  // As the claim and approval functions make theirs (see create-claim-deps.ts).
  const client = readTogether(createDocumentClient(config));
  documentClient = client;
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

/**
 * One claim of `amount` (one line, `reference`) from submit to payable, auto-approved and settled; P1's on
 * 2026-03 unless `on` says whose and which period.
 */
async function claimToPayable(
  amount: string,
  reference: string,
  idempotencyKey?: string,
  on = { partnerId: 'P1', period: '2026-03' },
) {
  const request = claimRequestSchema.parse(
    claimRequest([amount], { period: on.period, lines: [{ amount, reference, evidence: [] }] }),
  );
  const { claim } = await submitClaim(claimDeps, partnerUser(on.partnerId), { request, idempotencyKey });
  // Approved, settled and published by the first step: the workflow ends there.
  const state = await startClaimApproval(approvalDeps, { claimId: claim.claimId });
  expect(state.next).toBe('done');
  return { claim, request };
}

describe('DynamoDB calls of one claim, on DynamoDB Local', () => {
  it('an auto-approved claim from submit to payable: the calls counted, the claim settled exactly once', async () => {
    const { claim, request } = await claimToPayable('100.00', 'INV-1', 'k-1');

    // A regression guard: a change that adds a DynamoDB call on this path has to change this list.
    expect(commandsOf(sent)).toEqual([
      // submit: validation's reads in one request (fund with its credit and draws, references, program:
      // the client reads together), then the fund's credit summed from its postings once (the accrual wrote
      // the fund item before it kept a base: see claim-fund-credits.ts), the reservation
      'BatchGetItemCommand',
      'QueryCommand',
      'UpdateItemCommand',
      'TransactWriteItemsCommand',
      // begin: the claim and the policy in one request, then into approval, approved and settled (ledger
      // posting, reservation's end) in one write, then ClaimDecided published: no settle step follows
      'BatchGetItemCommand',
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
      'TransactWriteItemsCommand',
      'BatchGetItemCommand',
      'TransactWriteItemsCommand',
    ]);
    // Read together: the submit's fund, reference (none held) and program; the begin step's claim and policy.
    expect(late.map(({ itemsRead }) => itemsRead)).toEqual([2, 0, 2, 0]);
    // 250.00 earned − 100.00 − 7 × 1.00 settled, to the cent, as the checkbook sums the postings.
    const fund = await claimDeps.claimFunds.fundAndReferences(claimOf('LATE'));
    expect(fund.credited - fund.draws.drawn).toBe(14300n);
    const [book] = buildCheckbooks(await ledgerReader.checkbookPostings('P1', 'VOL-2026'));
    expect(book?.availableToClaim).toBe('143.00');
  });
});

describe('DynamoDB calls of bulk claims, on DynamoDB Local', () => {
  it('a program period with 6 settled claims per partner costs the same calls and items as one with 1', async () => {
    // Two periods alike but for their history: P2 and P3 earned 200.00 each in both.
    const ledger = ledgerReader;
    for (const period of ['2026-01', '2026-02']) {
      for (const partnerId of ['P2', 'P3']) {
        await ledger.postIndependent(
          posting('accrual', {
            programId: 'VOL-2026',
            period,
            beneficiaryPartnerId: partnerId,
            partnerId,
            amount: '200.00',
            postingId: `bulk-${period}-${partnerId}`,
          }),
        );
      }
    }
    const settled = async (period: string, claims: number) => {
      for (const partnerId of ['P2', 'P3']) {
        for (let index = 0; index < claims; index++) {
          await claimToPayable('1.00', `B-${index}`, undefined, { partnerId, period });
        }
      }
    };
    await settled('2026-01', 1);
    await settled('2026-02', 6);
    const bulk = (period: string) => submitBulkClaims(claimDeps, finance, { programId: 'VOL-2026', period });

    let early: Awaited<ReturnType<typeof bulk>> | undefined;
    let late: Awaited<ReturnType<typeof bulk>> | undefined;
    const earlyCalls = await sentBy(async () => {
      early = await bulk('2026-01');
    });
    const lateCalls = await sentBy(async () => {
      late = await bulk('2026-02');
    });

    // Read from the ledger partition, the call read 2 accruals + 2 claims for January, + 12 for February.
    // Here: the same calls; the same items each, but for which shard's Query finds a grain's summary.
    const queries = (calls: readonly SentCommand[]) =>
      calls.filter(({ command }) => command === 'QueryCommand');
    const others = (calls: readonly SentCommand[]) =>
      calls.filter(({ command }) => command !== 'QueryCommand');
    const summariesRead = (calls: readonly SentCommand[]) =>
      queries(calls).reduce((sum, { itemsRead }) => sum + itemsRead, 0);
    expect(others(lateCalls)).toEqual(others(earlyCalls));
    expect([summariesRead(earlyCalls), summariesRead(lateCalls)]).toEqual([2, 2]);
    expect(commandsOf(lateCalls)).toEqual([
      // the program; the period's liability summaries (one Query per shard); its funds' items (3 fund kinds
      // × 2 partners)
      'BatchGetItemCommand',
      ...Array.from({ length: liabilityShards }, () => 'QueryCommand'),
      'BatchGetItemCommand',
      // per partner: an earlier bulk claim's id, then the submit (fund, reference and program; reservation)
      ...['P2', 'P3'].flatMap(() => [
        'BatchGetItemCommand',
        'BatchGetItemCommand',
        'TransactWriteItemsCommand',
      ]),
    ]);
    // Each partner's whole balance, to the cent: 200.00 − 1 or 6 claims of 1.00.
    expect(early?.created.map(({ partnerId, amountClaimed }) => [partnerId, amountClaimed])).toEqual([
      ['P2', '199.00'],
      ['P3', '199.00'],
    ]);
    expect(late?.created.map(({ partnerId, amountClaimed }) => [partnerId, amountClaimed])).toEqual([
      ['P2', '194.00'],
      ['P3', '194.00'],
    ]);
  });

  it('a fund whose postings are older than fund items is still claimed whole, summed from its ledger', async () => {
    await ledgerReader.postIndependent(
      posting('accrual', {
        programId: 'VOL-2026',
        period: '2026-03',
        beneficiaryPartnerId: 'P4',
        partnerId: 'P4',
        amount: '50.00',
        postingId: 'legacy-P4',
      }),
    );
    // As stored before fund items kept a credit: the posting and its liability summary, no fund item.
    const scope: ClaimFundScope = {
      partnerId: 'P4',
      programId: 'VOL-2026',
      period: '2026-03',
      fund: 'rebate',
      currency: 'USD',
    };
    const { pk, sk } = claimFundKeys(scope);
    await documentClient.send(new DeleteCommand({ TableName: loadConfig().TABLE_NAME, Key: { pk, sk } }));

    const result = await submitBulkClaims(claimDeps, finance, { programId: 'VOL-2026', period: '2026-03' });
    expect(result.created.map(({ partnerId, amountClaimed }) => [partnerId, amountClaimed])).toEqual([
      ['P1', '143.00'],
      ['P4', '50.00'],
    ]);
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
