import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { reservationLimit } from '../../domain/claims/claim-fund';
import { claimPosting } from '../../domain/claims/settle-decided-claim';
import { ClosedPeriodError } from '../../domain/ledger/accounting-period';
import { establishedFundCredit } from '../../functions/adapters/claim-fund-credits';
import { DynamoAccrualLedger } from '../../functions/adapters/dynamo-accrual-ledger';
import { DynamoClaimFunds } from '../../functions/adapters/dynamo-claim-funds';
import { DynamoClaimStore } from '../../functions/adapters/dynamo-claim-store';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { DynamoLiabilitySummaries } from '../../functions/adapters/dynamo-liability-summaries';
import { claimFundKeys, claimKey } from '../../functions/adapters/table-keys/claims';
import { accountingPeriodKey } from '../../functions/adapters/table-keys/ledger';
import {
  liabilityShardPartition,
  liabilityShards,
  partnerLiabilitiesPartition,
} from '../../functions/adapters/table-keys/reports';
import { loadConfig } from '../../functions/shared/config';
import { claimFundsContract } from '../support/claim-funds-contract';
import { claimStoreContract } from '../support/claim-store-contract';
import { createTestTable } from '../support/test-table';
import { claim } from '../unit/claims/builders';
import { posting as ledgerPosting } from '../unit/ledger/builders';

let store: DynamoClaimStore;
let ledger: DynamoAccrualLedger;
let funds: DynamoClaimFunds;
let client: ReturnType<typeof createDocumentClient>;
let table: string;

beforeAll(async () => {
  await createTestTable();
  const config = loadConfig();
  client = createDocumentClient(config);
  table = config.TABLE_NAME;
  store = new DynamoClaimStore(client, table);
  funds = new DynamoClaimFunds(client, table);
  ledger = new DynamoAccrualLedger(client, table);
});

/** The amounts of a partner's claim postings on a program. */
const claimPostingAmounts = async (partnerId: string, programId: string) =>
  (await ledger.checkbookPostings(partnerId, programId))
    .filter((posting) => posting.kind === 'claim')
    .map((posting) => posting.amount);

claimStoreContract('DynamoClaimStore', async () => store);
claimFundsContract('DynamoClaimFunds', async () => ({ funds, claims: store, ledger }));

describe('DynamoClaimStore', () => {
  it('refuses to read back an item that is not a valid claim', async () => {
    await client.send(
      new PutCommand({
        TableName: table,
        Item: { ...claim({ claimId: 'CLM-BAD' }), ...claimKey('CLM-BAD'), amountClaimed: '12.3' },
      }),
    );
    await expect(store.get('CLM-BAD')).rejects.toThrow(/amountClaimed/);
  });
});

describe('DynamoClaimStore listing', () => {
  it('lists by partner, by status, or all, filtered by program, a page at a time', async () => {
    for (const [id, partnerId, programId, status] of [
      ['CLM-Q1', 'PQ1', 'PRG-A', 'validated'],
      ['CLM-Q2', 'PQ1', 'PRG-B', 'validated'],
      ['CLM-Q3', 'PQ2', 'PRG-A', 'validationFailed'],
    ] as const) {
      await store.create(
        claim({
          claimId: id,
          partnerId,
          programId,
          status,
          submittedAt: `2026-05-0${id.at(-1)}T00:00:00.000Z`,
        }),
      );
    }
    const ids = async (filter: Parameters<DynamoClaimStore['list']>[0]) =>
      (await store.list(filter, { limit: 100 })).items.map((each) => each.claimId);
    expect(await ids({ partnerId: 'PQ1' })).toEqual(['CLM-Q1', 'CLM-Q2']);
    expect(await ids({ partnerId: 'PQ1', programId: 'PRG-B' })).toEqual(['CLM-Q2']);
    expect(await ids({ partnerId: 'PQ2', status: 'validated' })).toEqual([]);
    expect(await ids({ status: 'validationFailed', programId: 'PRG-A' })).toEqual(['CLM-Q3']);
    const first = await store.list({ partnerId: 'PQ1' }, { limit: 1 });
    expect(first.items.map((each) => each.claimId)).toEqual(['CLM-Q1']);
    const second = await store.list({ partnerId: 'PQ1' }, { limit: 1, cursor: first.nextCursor });
    expect(second.items.map((each) => each.claimId)).toEqual(['CLM-Q2']);
    expect((await ids({})).length).toBeGreaterThanOrEqual(3);
  });
});

describe('DynamoClaimFunds', () => {
  const scope = {
    partnerId: 'P9',
    programId: 'PRG-F',
    period: '2026-03',
    fund: 'rebate',
    currency: 'USD',
  } as const;
  const fundClaim = (id: string, amount: string, reference = id) =>
    claim({
      ...scope,
      claimId: id,
      amountClaimed: amount,
      lines: [{ lineNumber: 1, amount, reference, evidence: [] }],
    });

  it('stores the claim with its reservation and references, refuses an over-draw, a duplicate reference and a repeat', async () => {
    expect(await funds.reserve(fundClaim('CLM-F1', '60.00'), reservationLimit(10000n, 6000n))).toEqual({
      kind: 'reserved',
    });
    expect(await store.get('CLM-F1')).toEqual(fundClaim('CLM-F1', '60.00'));
    expect(await funds.reserve(fundClaim('CLM-F2', '40.01'), reservationLimit(10000n, 4001n))).toEqual({
      kind: 'insufficientFunds',
    });
    expect(
      await funds.reserve(fundClaim('CLM-F3', '1.00', 'CLM-F1'), reservationLimit(10000n, 100n)),
    ).toEqual({
      kind: 'duplicateReferences',
      references: ['CLM-F1'],
    });
    expect(await funds.reserve(fundClaim('CLM-F1', '60.00'), reservationLimit(10000n, 6000n))).toEqual({
      kind: 'claimExists',
    });
    expect(await store.get('CLM-F2')).toBeUndefined();
    expect(await store.get('CLM-F3')).toBeUndefined();
    expect(await funds.draws(scope)).toEqual({ reserved: 6000n, settled: 0n, drawn: 6000n });
    expect(await funds.fundAndReferences(fundClaim('CLM-X', '1.00', 'CLM-F1'))).toEqual({
      credited: 0n,
      draws: { reserved: 6000n, settled: 0n, drawn: 6000n },
      referenceHolders: new Map([['CLM-F1', 'CLM-F1']]),
    });
    expect(
      await funds.fundAndReferences({ ...fundClaim('CLM-Y', '1.00', 'FREE'), partnerId: 'P-NEW' }),
    ).toEqual({
      credited: 0n,
      draws: { reserved: 0n, settled: 0n, drawn: 0n },
      referenceHolders: new Map(),
    });
    expect(await funds.positionsOf('P9')).toEqual([{ ...scope, reserved: 6000n, settled: 0n, drawn: 6000n }]);
  });

  it('settles a decided claim once, posting and release in one write: the approved part stays drawn, the rest is free', async () => {
    const decided = {
      ...fundClaim('CLM-F1', '60.00'),
      status: 'partiallyApproved' as const,
      amountApproved: '45.00',
    };
    const posting = claimPosting(decided, '45.00', '2026-04-20');
    await funds.settle(decided, 4500n, posting);
    // A retried settlement, even on another day (another posting date): nothing more.
    await funds.settle(decided, 4500n, { ...posting, postedOn: '2026-04-21' });
    expect(await funds.draws(scope)).toEqual({ reserved: 0n, settled: 4500n, drawn: 4500n });
    expect(await claimPostingAmounts('P9', 'PRG-F')).toEqual(['45.00']);
    // The liabilities report's summary took the posting in the same write, once.
    const summaries = await new DynamoLiabilitySummaries(client, table).liabilitySummaries({
      partnerId: 'P9',
      programId: 'PRG-F',
    });
    expect(summaries.map((summary) => summary.sums.claimed)).toEqual([4500n]);
  });

  it('a claim half settled by the two writes of before (posted, still reserved): ended without a second posting', async () => {
    const scopeH = { ...scope, partnerId: 'P11' };
    const validated = { ...fundClaim('CLM-HALF', '20.00'), partnerId: 'P11' };
    expect((await funds.reserve(validated, reservationLimit(10000n, 2000n))).kind).toBe('reserved');
    const approved = { ...validated, status: 'approved' as const, amountApproved: '20.00' };
    const posting = claimPosting(approved, '20.00', '2026-04-20');
    await ledger.postIndependent(posting);
    await funds.settle(approved, 2000n, posting);
    expect(await funds.draws(scopeH)).toEqual({ reserved: 0n, settled: 2000n, drawn: 2000n });
    expect(await claimPostingAmounts('P11', 'PRG-F')).toEqual(['20.00']);
  });

  it('an automatic approval settled with its decision: stored together, or (the claim moved on) nothing at all', async () => {
    const scopeA = { ...scope, partnerId: 'P13' };
    const validated = { ...fundClaim('CLM-AUTO', '30.00'), partnerId: 'P13' };
    expect((await funds.reserve(validated, reservationLimit(10000n, 3000n))).kind).toBe('reserved');
    const approved = { ...validated, status: 'approved' as const, amountApproved: '30.00', version: 2 };
    const posting = claimPosting(approved, '30.00', '2026-04-20');
    const stale = { ...approved, version: 3 };
    expect(await funds.settle(stale, 3000n, posting, { next: stale, expected: 'validated' })).toBe(false);
    expect(await store.get('CLM-AUTO')).toEqual(validated);
    expect(await funds.draws(scopeA)).toEqual({ reserved: 3000n, settled: 0n, drawn: 3000n });
    expect(await funds.settle(approved, 3000n, posting, { next: approved, expected: 'validated' })).toBe(
      true,
    );
    expect(await store.get('CLM-AUTO')).toEqual(approved);
    expect(await funds.draws(scopeA)).toEqual({ reserved: 0n, settled: 3000n, drawn: 3000n });
    expect(await claimPostingAmounts('P13', 'PRG-F')).toEqual(['30.00']);
    // The same write again (a retried step): the claim moved on, nothing more.
    expect(await funds.settle(approved, 3000n, posting, { next: approved, expected: 'validated' })).toBe(
      false,
    );
  });

  it('settling into a closed accounting month: refused, nothing posted, the reservation still held', async () => {
    const scopeC = { ...scope, partnerId: 'P12' };
    const validated = { ...fundClaim('CLM-CLOSED', '10.00'), partnerId: 'P12' };
    expect((await funds.reserve(validated, reservationLimit(10000n, 1000n))).kind).toBe('reserved');
    const approved = { ...validated, status: 'approved' as const, amountApproved: '10.00' };
    await client.send(
      new PutCommand({ TableName: table, Item: { ...accountingPeriodKey('2026-01'), status: 'closed' } }),
    );
    await expect(
      funds.settle(approved, 1000n, claimPosting(approved, '10.00', '2026-01-31')),
    ).rejects.toEqual(new ClosedPeriodError('2026-01'));
    expect(await funds.draws(scopeC)).toEqual({ reserved: 1000n, settled: 0n, drawn: 1000n });
    expect(await claimPostingAmounts('P12', 'PRG-F')).toEqual([]);
  });

  it("a fund item from before it kept its credit: summed from the ledger once, then its item's credit moves with each posting", async () => {
    const old = { ...scope, partnerId: 'P14' };
    const oldClaim = (id: string) => ({ ...fundClaim(id, '40.00'), partnerId: 'P14' });
    const credit = (kind: 'accrual' | 'adjustment', postingId: string, amount: string, more = {}) =>
      ledger.postIndependent(
        ledgerPosting(kind, { ...old, beneficiaryPartnerId: 'P14', postingId, amount, ...more }),
      );
    await credit('accrual', 'ACC-OLD', '300.00');
    // Not this fund's credit: another fund, another partner, and a claim.
    await credit('accrual', 'ACC-COOP', '50.00', { fund: 'coop' });
    await credit('accrual', 'ACC-P15', '100.00', { beneficiaryPartnerId: 'P15' });
    await ledger.postIndependent(
      ledgerPosting('claim', { ...old, beneficiaryPartnerId: 'P14', amount: '20.00' }),
    );
    expect((await funds.reserve(oldClaim('CLM-O1'), reservationLimit(30000n, 4000n))).kind).toBe('reserved');
    const fundKey = (of: typeof old) => ({ pk: claimFundKeys(of).pk, sk: claimFundKeys(of).sk });
    // As the item was before it kept its credit.
    const forget = (fund: string) =>
      client.send(
        new UpdateCommand({
          TableName: table,
          Key: fundKey({ ...old, fund } as typeof old),
          UpdateExpression: 'REMOVE creditBaseMinor, creditedMinor, creditPostings',
        }),
      );
    await forget('rebate');
    const fundItem = async (fund: string) =>
      (
        await client.send(
          new GetCommand({
            TableName: table,
            Key: fundKey({ ...old, fund } as typeof old),
            ConsistentRead: true,
          }),
        )
      ).Item;

    expect((await funds.fundAndReferences(oldClaim('CLM-O2'))).credited).toBe(30000n);
    expect(await fundItem('rebate')).toMatchObject({ creditBaseMinor: 30000, drawnMinor: 4000 });
    await credit('adjustment', 'ADJ-NEW', '12.34');
    expect(await fundItem('rebate')).toMatchObject({
      creditBaseMinor: 30000,
      creditedMinor: 1234,
      creditPostings: 1,
    });
    expect((await funds.fundAndReferences(oldClaim('CLM-O2'))).credited).toBe(31234n);

    // A posting between the item's read and the base's write: the sum is answered, no base is stored.
    await forget('coop');
    const stale = await fundItem('coop');
    await credit('accrual', 'ACC-COOP-2', '5.00', { fund: 'coop' });
    const coop = { ...old, fund: 'coop' } as const;
    expect(await establishedFundCredit(client, table, coop, stale)).toBe(5500n);
    expect((await fundItem('coop'))?.creditBaseMinor).toBeUndefined();
    expect((await funds.fundAndReferences({ ...oldClaim('CLM-O3'), fund: 'coop' })).credited).toBe(5500n);
    expect(await fundItem('coop')).toMatchObject({ creditBaseMinor: 5000, creditedMinor: 500 });
  });

  it('100 concurrent claims of 7.00 against 500.00: exactly 71 reserved (497.00), never more', async () => {
    const concurrent = { ...scope, partnerId: 'P10' };
    const credited = 50000n;
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, async (_, index) => {
        const submitted = { ...fundClaim(`CLM-C${index}`, '7.00'), partnerId: 'P10' };
        return (await funds.reserve(submitted, reservationLimit(credited, 700n))).kind;
      }),
    );
    expect(outcomes.filter((kind) => kind === 'reserved')).toHaveLength(71);
    expect(outcomes.filter((kind) => kind === 'insufficientFunds')).toHaveLength(29);
    expect(await funds.draws(concurrent)).toEqual({ reserved: 49700n, settled: 0n, drawn: 49700n });
  });

  it('8 partners settling at once: their liability summaries spread over the shards, one item each; a grain summarized before the shards is read as one', async () => {
    const partners = Array.from({ length: 8 }, (_, index) => `P-SH${index}`);
    const approvedOf = (partnerId: string) => ({
      ...fundClaim(`CLM-${partnerId}`, '1.00'),
      partnerId,
      status: 'approved' as const,
      amountApproved: '1.00',
    });
    for (const partnerId of partners)
      await funds.reserve(approvedOf(partnerId), reservationLimit(10000n, 100n));
    await Promise.all(
      partners.map((partnerId) =>
        funds.settle(approvedOf(partnerId), 100n, claimPosting(approvedOf(partnerId), '1.00', '2026-04-20')),
      ),
    );

    const shardsHolding = async (partnerId: string) => {
      const held = await Promise.all(
        Array.from({ length: liabilityShards }, async (_, shard) => {
          const key = { pk: liabilityShardPartition(shard), sk: `PRG-F#${partnerId}#2026-03#USD` };
          const { Item } = await client.send(
            new GetCommand({ TableName: table, Key: key, ConsistentRead: true }),
          );
          return Item === undefined ? [] : [shard];
        }),
      );
      return held.flat();
    };
    const shards = await Promise.all(partners.map(shardsHolding));
    expect(shards.every((held) => held.length === 1)).toBe(true);
    expect(new Set(shards.flat()).size).toBeGreaterThan(1);

    // As stored before the shards: the summary of a grain whose shard is not 0, in shard 0's partition.
    const index = shards.findIndex(([shard]) => shard !== 0);
    const legacyPartner = partners[index] as string;
    await client.send(
      new PutCommand({
        TableName: table,
        Item: {
          pk: liabilityShardPartition(0),
          sk: `PRG-F#${legacyPartner}#2026-03#USD`,
          gsi1pk: partnerLiabilitiesPartition(legacyPartner),
          gsi1sk: 'PRG-F#2026-03#USD',
          type: 'LiabilitySummary',
          programId: 'PRG-F',
          partnerId: legacyPartner,
          period: '2026-03',
          currency: 'USD',
          earned: 0,
          adjustments: 0,
          claimed: 500,
          paid: 0,
        },
      }),
    );
    const summaries = new DynamoLiabilitySummaries(client, table);
    const claimedOf = (
      read: readonly { partnerId: string; sums: { claimed: bigint } }[],
      partnerId: string,
    ) => read.filter((summary) => summary.partnerId === partnerId).map(({ sums }) => sums.claimed);
    const everyone = await summaries.liabilitySummaries({ programId: 'PRG-F' });
    const own = await summaries.liabilitySummaries({ partnerId: legacyPartner, programId: 'PRG-F' });
    for (const read of [everyone, own]) expect(claimedOf(read, legacyPartner)).toEqual([600n]);
    for (const partnerId of partners.filter((each) => each !== legacyPartner)) {
      expect(claimedOf(everyone, partnerId)).toEqual([100n]);
    }
  });
});
