import { beforeAll, describe, expect, it } from 'vitest';
import type { RequestApprovalStarting } from '../../domain/approvals/ports';
import { allocateFund } from '../../domain/funds/allocate-fund';
import type { Fund } from '../../domain/funds/fund';
import { decideFundRequest, submitFundRequest } from '../../domain/funds/fund-request-use-cases';
import type { FundDeps } from '../../domain/funds/ports';
import { approvalPolicyStore } from '../../functions/adapters/approval-policy-store';
import { DynamoAccrualLedger } from '../../functions/adapters/dynamo-accrual-ledger';
import { DynamoClaimFunds } from '../../functions/adapters/dynamo-claim-funds';
import { DynamoClaimStore } from '../../functions/adapters/dynamo-claim-store';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { DynamoFundStore } from '../../functions/adapters/dynamo-fund-store';
import { masterDataStores } from '../../functions/adapters/master-data-stores';
import { loadConfig } from '../../functions/shared/config';
import { approver, channelManager, partnerUser } from '../support/actors';
import { commandsOf, countCommands, type SentCommand } from '../support/dynamodb-calls';
import { createTestTable } from '../support/test-table';
import { InMemoryEvidence } from '../unit/funds/fakes';
import { mdf, requestOf } from '../unit/funds/fund-deps';
import { posting } from '../unit/ledger/builders';
import { paidPartner } from '../unit/payments/builders';

let deps: FundDeps & RequestApprovalStarting;
let claimFunds: DynamoClaimFunds;
let sentBy: (act: () => Promise<unknown>) => Promise<SentCommand[]>;
let ids = 0;

beforeAll(async () => {
  await createTestTable();
  const config = loadConfig();
  const client = createDocumentClient(config);
  const table = config.TABLE_NAME;
  const partners = masterDataStores(client, table).partners;
  await partners.create(paidPartner('P1'));
  claimFunds = new DynamoClaimFunds(client, table);
  const ledger = new DynamoAccrualLedger(client, table);
  deps = {
    approvalWorkflow: { start: async () => undefined },
    funds: new DynamoFundStore(client, table),
    claims: new DynamoClaimStore(client, table),
    partners,
    claimFunds,
    postings: ledger,
    evidence: new InMemoryEvidence(),
    approvalPolicies: approvalPolicyStore(client, table),
    clock: () => new Date('2026-03-01T09:00:00.000Z'),
    newId: () => `T${String(++ids).padStart(5, '0')}`,
    keyedId: (partnerId: string, key: string) => `${partnerId}-${key}`.toUpperCase(),
  };
  ({ sentBy } = countCommands(client));
});

/**
 * P1's co-op program `programId` credited by `postings` adjustments of 100.00 each, then an accrual fund
 * allocated on it and a request of 50.00 approved: the commands allocation and approval send.
 */
async function allocateAndApprove(programId: string, postings: number) {
  for (let index = 0; index < postings; index++) {
    await deps.postings.postIndependent(
      posting('adjustment', {
        postingId: `adjustment-${programId}-${index}`,
        programId,
        period: 'FY2026',
        fund: 'coop',
        currency: 'USD',
        beneficiaryPartnerId: 'P1',
        partnerId: 'P1',
        amount: '100.00',
        postedOn: '2026-02-28',
      }),
    );
  }
  const scope = { partnerId: 'P1', programId, period: 'FY2026', fund: 'coop', currency: 'USD' } as const;
  // The fund item's one-time credit sum (its postings came before it kept a base): behind us before measuring.
  await claimFunds.balance(scope);
  let fund: Fund | undefined;
  const allocating = await sentBy(async () => {
    fund = await allocateFund(deps, channelManager, mdf({ kind: 'accrual', amount: undefined, programId }));
  });
  const fundId = fund?.fundId ?? '';
  const request = await submitFundRequest(deps, partnerUser('P1'), requestOf(fundId, '100.00'));
  const approving = await sentBy(() =>
    decideFundRequest(deps, approver, request.requestId, { decision: 'approve' }),
  );
  return { allocating, approving, fund, balance: await claimFunds.balance(scope) };
}

describe('DynamoDB calls of an accrual fund’s allocation and request approval, on DynamoDB Local', () => {
  it('after 1 or 12 postings on the co-op program: the same calls, each reading as many items', async () => {
    const one = await allocateAndApprove('COOP-ONE', 1);
    const twelve = await allocateAndApprove('COOP-TWELVE', 12);

    // Read from the checkbook's postings, the limit's Query read one more item per posting.
    expect(twelve.allocating).toEqual(one.allocating);
    expect(twelve.approving).toEqual(one.approving);
    // A regression guard: a change that adds a DynamoDB call on these paths has to change these lists.
    expect(commandsOf(one.allocating)).toEqual([
      // the partner, the co-op checkbook's claim-fund item (credit and draws, read with the fund credit
      // upgrade's completion record until that is seen), the fund with its movement
      'GetItemCommand',
      'BatchGetItemCommand',
      'TransactWriteItemsCommand',
    ]);
    expect(commandsOf(one.approving)).toEqual([
      // the approval policy, the request, the fund, the claim-fund item (with the completion record, as
      // above), then the reservation on both funds
      'GetItemCommand',
      'GetItemCommand',
      'GetItemCommand',
      'BatchGetItemCommand',
      'TransactWriteItemsCommand',
    ]);

    // The money, exact: the fund opens with the whole credit, the approval reserves 50.00 on the checkbook.
    expect(one.fund?.balances.allocated).toBe(10_000n);
    expect(twelve.fund?.balances.allocated).toBe(120_000n);
    expect(twelve.balance).toEqual({
      credited: 120_000n,
      draws: { reserved: 5_000n, settled: 0n, drawn: 5_000n },
    });
  });
});
