import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ClaimFundScope } from '../../domain/claims/claim-fund';
import type { LedgerPosting, LedgerPostingKind } from '../../domain/ledger/ledger-posting';
import { creditFromLedger, fundCreditsCompleteKey } from '../../functions/adapters/claim-fund-credits';
import { DynamoAccrualLedger } from '../../functions/adapters/dynamo-accrual-ledger';
import { putAll } from '../../functions/adapters/dynamo-batch';
import { DynamoClaimFunds } from '../../functions/adapters/dynamo-claim-funds';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { backfillFundCredits } from '../../functions/adapters/fund-credit-backfill';
import { claimFundKeys } from '../../functions/adapters/table-keys/claims';
import { ledgerPostingKeys } from '../../functions/adapters/table-keys/ledger';
import { type Config, loadConfig } from '../../functions/shared/config';
import { commandsOf, countCommands } from '../support/dynamodb-calls';
import { hookedClient } from '../support/hooked-client';
import { createTestTable } from '../support/test-table';
import { claim } from '../unit/claims/builders';
import { posting } from '../unit/ledger/builders';

let config: Config;
let client: ReturnType<typeof createDocumentClient>;
let ledger: DynamoAccrualLedger;

beforeAll(async () => {
  await createTestTable();
  config = loadConfig();
  client = createDocumentClient(config);
  ledger = new DynamoAccrualLedger(client, config.TABLE_NAME);
});

const fundOf = (partnerId: string, fund: 'rebate' | 'coop' = 'rebate'): ClaimFundScope => ({
  partnerId,
  programId: 'PRG-UP',
  period: '2026-03',
  fund,
  currency: 'USD',
});

const postingTo = (
  scope: ClaimFundScope,
  kind: LedgerPostingKind,
  postingId: string,
  amount: string,
): LedgerPosting =>
  posting(kind, {
    programId: scope.programId,
    period: scope.period,
    fund: scope.fund,
    currency: scope.currency,
    beneficiaryPartnerId: scope.partnerId,
    partnerId: scope.partnerId,
    postingId,
    amount,
  });

/** Postings as code older than fund credits stored them: the posting alone, its fund item untouched. */
const storeLegacyPostings = (postings: readonly LedgerPosting[]) =>
  putAll(
    client,
    config.TABLE_NAME,
    postings.map((each) => ({
      ...each,
      ...ledgerPostingKeys(each),
      type: 'LedgerPosting',
      summarized: true,
    })),
  );

const fundItem = async (scope: ClaimFundScope) => {
  const { pk, sk } = claimFundKeys(scope);
  const { Item } = await client.send(
    new GetCommand({ TableName: config.TABLE_NAME, Key: { pk, sk }, ConsistentRead: true }),
  );
  return Item;
};

describe('upgrade of claim fund credits', () => {
  it('gives every fund with legacy postings its exact base once, through a live posting mid-way, then records completion: claims read no ledger', async () => {
    // Arrange: A's accrual and true-up have no fund item; B's coop fund item holds a reservation but no
    // credit; C has a legacy accrual and a live adjustment (counted on its item, no base); A's legacy claim
    // posting credits nothing.
    const [a, bCoop, c, d] = [fundOf('P-A'), fundOf('P-B', 'coop'), fundOf('P-C'), fundOf('P-D')];
    await storeLegacyPostings([
      postingTo(a, 'accrual', 'A-1', '100.00'),
      postingTo(a, 'trueUp', 'A-2', '5.00'),
      postingTo(a, 'claim', 'A-3', '40.00'),
      postingTo(bCoop, 'accrual', 'B-1', '50.00'),
      postingTo(c, 'accrual', 'C-1', '30.00'),
    ]);
    const funds = new DynamoClaimFunds(client, config.TABLE_NAME);
    const bClaim = claim({ ...bCoop, claimId: 'CLM-B', amountClaimed: '10.00' });
    expect((await funds.reserve(bClaim, 5000n)).kind).toBe('reserved');
    await client.send(
      new UpdateCommand({
        TableName: config.TABLE_NAME,
        Key: { pk: claimFundKeys(bCoop).pk, sk: claimFundKeys(bCoop).sk },
        UpdateExpression: 'REMOVE creditBaseMinor, creditedMinor, creditPostings',
      }),
    );
    await ledger.postIndependent(postingTo(c, 'adjustment', 'C-2', '12.34'));
    // A live posting to C lands between the upgrade's read of C's item and the write of its base.
    const racing = hookedClient(config, UpdateCommand, 1, () =>
      ledger.postIndependent(postingTo(c, 'accrual', 'C-3', '1.00')),
    );

    // Act
    const first = await backfillFundCredits(racing, config.TABLE_NAME, { segments: 4, pageSize: 2 });
    const again = await backfillFundCredits(client, config.TABLE_NAME, { segments: 4, restart: true });
    const done = await backfillFundCredits(client, config.TABLE_NAME, { segments: 16 });
    await ledger.postIndependent(postingTo(d, 'accrual', 'D-1', '7.00'));
    // Every command, the read client's Queries included (the ledger is read through it).
    const claimsClient = createDocumentClient(config);
    const { sent } = countCommands(claimsClient);
    const afterUpgrade = new DynamoClaimFunds(claimsClient, config.TABLE_NAME);
    const balances = await Promise.all(
      [a, bCoop, c, d, fundOf('P-NONE')].map((s) => afterUpgrade.balance(s)),
    );

    // Assert: each base is what the legacy postings held; the items' credit is the ledger's, to the cent.
    expect(first).toMatchObject({ complete: true, segmentsLeft: 0, basesEstablished: 3 });
    expect(again).toMatchObject({ complete: true, basesEstablished: 0 });
    expect(done).toEqual({
      complete: true,
      segmentsLeft: 0,
      itemsScanned: 0,
      periodsChecked: 0,
      basesEstablished: 0,
    });
    expect(await fundItem(a)).toMatchObject({ creditBaseMinor: 10500 });
    expect(await fundItem(bCoop)).toMatchObject({ creditBaseMinor: 5000, reservedMinor: 1000 });
    expect(await fundItem(c)).toMatchObject({
      creditBaseMinor: 3000,
      creditedMinor: 1334,
      creditPostings: 2,
    });
    expect((await fundItem(d))?.creditBaseMinor).toBeUndefined();
    expect(balances.map(({ credited }) => credited)).toEqual([10500n, 5000n, 4334n, 700n, 0n]);
    for (const [index, scope] of [a, bCoop, c, d].entries()) {
      expect(balances[index]?.credited).toBe(await creditFromLedger(client, config.TABLE_NAME, scope));
    }
    expect(commandsOf(sent)).toEqual(Array(5).fill('BatchGetItemCommand'));
    const { Item: completed } = await client.send(
      new GetCommand({ TableName: config.TABLE_NAME, Key: fundCreditsCompleteKey, ConsistentRead: true }),
    );
    expect(completed?.completedAt).toEqual(expect.any(String));
  });
});
