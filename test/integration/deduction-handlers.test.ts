import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../domain/claims/claim';
import { DynamoAccrualLedger } from '../../functions/adapters/dynamo-accrual-ledger';
import { DynamoClaimStore } from '../../functions/adapters/dynamo-claim-store';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { DynamoDeductionStore } from '../../functions/adapters/dynamo-deduction-store';
import { masterDataStores } from '../../functions/adapters/master-data-stores';
import { loadConfig } from '../../functions/shared/config';
import { type ApiHandler, handlerCaller } from '../support/api-handler-call';
import { deductionStoreContract } from '../support/deduction-store-contract';
import { createTestTable } from '../support/test-table';
import { paidPartner, payableClaim } from '../unit/payments/builders';

const handlers: Record<string, ApiHandler> = {};
const bus = mockClient(EventBridgeClient);
let claims: DynamoClaimStore;
let ledger: DynamoAccrualLedger;

beforeAll(async () => {
  await createTestTable();
  Object.assign(process.env, { EVENT_BUS_NAME: 'chrm-test', DEDUCTION_TOLERANCE: '0.05' });
  bus.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
  const config = loadConfig();
  const client = createDocumentClient(config);
  await masterDataStores(client, config.TABLE_NAME).partners.create(paidPartner('P1'));
  claims = new DynamoClaimStore(client, config.TABLE_NAME);
  ledger = new DynamoAccrualLedger(client, config.TABLE_NAME);
  const modules = {
    import: import('../../functions/api/deductions/import-deductions'),
    list: import('../../functions/api/deductions/list-deductions'),
    get: import('../../functions/api/deductions/get-deduction'),
    match: import('../../functions/api/deductions/match-deduction'),
    writeOff: import('../../functions/api/deductions/write-off-deduction'),
    batch: import('../../functions/api/payment-batches/create-payment-batch'),
  };
  for (const [name, module] of Object.entries(modules)) handlers[name] = (await module).handler as ApiHandler;
});

const finance1 = { sub: 'u-fin-1', role: 'finance' };
const finance2 = { sub: 'u-fin-2', role: 'finance' };
const approver = { sub: 'u-appr', role: 'approver' };
const partnerP1 = { sub: 'u-p1', role: 'partner', partnerId: 'P1' };
const header = 'partner,invoice,amount,currency,reason,reference';

const call = handlerCaller(handlers);

/** Imports one line (no payable claim matches it then) and returns the open deduction's id. */
async function openDeduction(invoice: string, amount: string): Promise<string> {
  const imported = await call('import', finance1, {
    body: { csv: `${header}\nP1,${invoice},${amount},EUR,rebate,` },
  });
  expect(imported.json).toMatchObject({ imported: 1, open: 1 });
  return imported.json.deductions[0].deductionId;
}

/** Transitions of a claim out of a payable status: more than one would mean it was settled twice. */
const settlements = (claim: Claim | undefined) =>
  (claim?.history ?? []).filter((entry) => entry.from === 'approved' && entry.to !== 'approved');

describe('deduction handlers on DynamoDB Local', () => {
  it('imports idempotently: the same receivables line twice is one deduction; bad lines and files are reported', async () => {
    const csv = `${header}\nP1,INV-IDEM,12.5,EUR,rebate,\nP1,INV-BAD,12.345,EUR,rebate,`;
    const first = await call('import', finance1, { body: { csv } });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      imported: 1,
      duplicates: 0,
      rejected: [{ lineNumber: 3, field: 'amount', reason: 'must have at most 2 decimals in EUR' }],
    });
    const id = first.json.deductions[0].deductionId;
    const second = await call('import', finance2, {
      body: { csv: `${header}\nP1,INV-IDEM,12.50,EUR,rebate,` },
    });
    expect(second.json).toMatchObject({
      imported: 0,
      duplicates: 1,
      duplicateLines: [{ lineNumber: 2, deductionId: id }],
    });
    expect((await call('get', approver, { path: { deductionId: id } })).json).toMatchObject({
      amount: '12.50',
      status: 'open',
      ageInDays: 0,
      agingBucket: '0-30',
    });

    const noColumn = await call('import', finance1, { body: { csv: 'partner,invoice\nP1,INV-1' } });
    expect(noColumn.status).toBe(422);
    expect(noColumn.json.detail).toContain('no column amount');
    expect((await call('import', partnerP1, { body: { csv } })).status).toBe(403);
    expect((await call('import', finance1, { body: { text: csv } })).status).toBe(400);
  });

  it('two people matching one deduction at once: one 200, one 409, one claim settled', async () => {
    for (const round of [1, 2, 3]) {
      // An amount of its own per round: the last round's losing claim must not match this import.
      const amount = `1${round}.00`;
      const id = await openDeduction(`INV-RACE-${round}`, amount);
      await claims.create(payableClaim(`RACE-${round}-A`, { amountApproved: amount }));
      await claims.create(payableClaim(`RACE-${round}-B`, { amountApproved: amount }));

      const [a, b] = await Promise.all([
        call('match', finance1, {
          path: { deductionId: id },
          body: { claims: [{ claimId: `RACE-${round}-A`, amount }] },
        }),
        call('match', finance2, {
          path: { deductionId: id },
          body: { claims: [{ claimId: `RACE-${round}-B`, amount }] },
        }),
      ]);

      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const statuses = [
        (await claims.get(`RACE-${round}-A`))?.status,
        (await claims.get(`RACE-${round}-B`))?.status,
      ].sort();
      expect(statuses).toEqual(['approved', 'paid']);
      const winner = a.status === 200 ? 'A' : 'B';
      const posted = (await ledger.scope('PRG-1', '2026-01')).postings.filter(
        (posting) => posting.kind === 'payment' && posting.paymentId === id,
      );
      expect(posted.map((posting) => posting.postingId)).toEqual([`DED-${id}-RACE-${round}-${winner}`]);
    }
  });

  it('a deduction and a payment batch racing for one claim: the claim is settled once', async () => {
    for (const round of [1, 2, 3, 4]) {
      const id = await openDeduction(`INV-BATCH-${round}`, '20.00');
      const claimId = `BATCH-${round}`;
      await claims.create(payableClaim(claimId, { amountApproved: '20.00' }));

      const [matched, batch] = await Promise.all([
        call('match', finance1, {
          path: { deductionId: id },
          body: { claims: [{ claimId, amount: '20.00' }] },
        }),
        call('batch', finance2, { body: { currency: 'EUR', method: 'check', payableUpTo: '2026-12-31' } }),
      ]);

      const claim = await claims.get(claimId);
      expect(settlements(claim)).toHaveLength(1);
      const batched = batch.status === 201 && JSON.stringify(batch.json.payments).includes(claimId);
      if (matched.status === 200) {
        expect(claim).toMatchObject({ status: 'paid', settledBy: 'deduction' });
        expect(batched).toBe(false);
      } else {
        expect(matched.status).toBe(409);
        expect(claim?.status).toBe('scheduled');
        expect(batched).toBe(true);
        expect((await call('get', approver, { path: { deductionId: id } })).json.status).toBe('open');
      }
    }
  });

  it('write-off and match on one deduction: the second is 409; the aging report pages oldest first', async () => {
    const id = await openDeduction('INV-WO', '3.00');
    const other = await call('writeOff', finance1, {
      path: { deductionId: id },
      body: { reasonCode: 'other' },
    });
    expect(other.status).toBe(422);
    // Two people writing it off at once: one wins, the other gets 409.
    const both = await Promise.all(
      [finance1, finance2].map((who) =>
        call('writeOff', who, { path: { deductionId: id }, body: { reasonCode: 'belowThreshold' } }),
      ),
    );
    expect(both.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const written = both.find((answer) => answer.status === 200);
    expect(written?.json).toMatchObject({ status: 'writtenOff', writeOff: { code: 'belowThreshold' } });
    await claims.create(payableClaim('WO-C', { amountApproved: '3.00' }));
    const late = await call('match', finance2, {
      path: { deductionId: id },
      body: { claims: [{ claimId: 'WO-C', amount: '3.00' }] },
    });
    expect(late.status).toBe(409);
    expect((await claims.get('WO-C'))?.status).toBe('approved');

    const first = await call('list', approver, { query: { status: 'open', limit: '1' } });
    expect(first.status).toBe(200);
    expect(first.json.items).toHaveLength(1);
    const rest = await call('list', approver, {
      query: { status: 'open', limit: '100', cursor: first.json.nextCursor },
    });
    const seen = [...first.json.items, ...rest.json.items];
    expect(
      seen.every(
        (item: { status: string; agingBucket: string }) =>
          item.status === 'open' && item.agingBucket === '0-30',
      ),
    ).toBe(true);
    const imported = seen.map((item: { importedAt: string }) => item.importedAt);
    expect(imported).toEqual([...imported].sort());
    expect(seen.map((item: { deductionId: string }) => item.deductionId)).not.toContain(id);
    // The line imported twice in the first test is one record.
    expect(seen.filter((item: { invoice: string }) => item.invoice === 'INV-IDEM')).toHaveLength(1);
    const writtenOff = await call('list', approver, { query: { status: 'writtenOff' } });
    expect(writtenOff.json.items.map((item: { deductionId: string }) => item.deductionId)).toEqual([id]);
    expect((await call('list', partnerP1)).status).toBe(403);
  });
});

deductionStoreContract('DynamoDeductionStore', async () => {
  const config = loadConfig();
  return new DynamoDeductionStore(createDocumentClient(config), config.TABLE_NAME);
});
