import { beforeAll, describe, expect, it } from 'vitest';
import { ClosedPeriodError } from '../../domain/ledger/accounting-period';
import {
  closeAccountingPeriod,
  reopenAccountingPeriod,
} from '../../domain/ledger/accounting-period-use-cases';
import { VersionConflictError } from '../../domain/shared/errors';
import { accrualStores } from '../../functions/adapters/accrual-stores';
import { DynamoAccrualLedger } from '../../functions/adapters/dynamo-accrual-ledger';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { DynamoLiabilitySummaries } from '../../functions/adapters/dynamo-liability-summaries';
import { loadConfig } from '../../functions/shared/config';
import { accrualLedgerContract, runPosting } from '../support/accrual-ledger-contract';
import { createTestTable } from '../support/test-table';

let ledger: DynamoAccrualLedger;
let periods: ReturnType<typeof accrualStores>['accountingPeriods'];

beforeAll(async () => {
  await createTestTable();
  const config = loadConfig();
  const client = createDocumentClient(config);
  ledger = new DynamoAccrualLedger(client, config.TABLE_NAME);
  periods = accrualStores(client, config.TABLE_NAME).accountingPeriods;
});

const posting = runPosting;

describe('DynamoAccrualLedger', () => {
  it('appends more than one transaction of postings atomically per chunk and advances the sequence', async () => {
    const postings = Array.from({ length: 250 }, (_, index) => posting('RUN-A', index));
    await ledger.append('PRG-1', '2026-03', 0, postings);
    const scope = await ledger.scope('PRG-1', '2026-03');
    expect(scope.sequence).toBe(3); // 97 + 97 + 56 postings, each chunk with its liability summary
    expect(scope.postings).toHaveLength(250);
    expect(scope.postings.find((read) => read.postingId === 'RUN-A#0007')).toEqual(postings[7]);
    expect(await ledger.postingsOfRun('RUN-A')).toHaveLength(250);
  });

  it('refuses an append from a stale sequence, so two runs cannot both post into one period', async () => {
    await expect(ledger.append('PRG-1', '2026-03', 0, [posting('RUN-B', 1)])).rejects.toBeInstanceOf(
      VersionConflictError,
    );
    await expect(ledger.append('PRG-1', '2026-03', 3, [posting('RUN-A', 1)])).rejects.toBeInstanceOf(
      VersionConflictError,
    ); // the same posting id again: never written twice
    await ledger.append('PRG-1', '2026-03', 3, [posting('RUN-B', 1, 'P1', '-0.50')]);
    expect((await ledger.scope('PRG-1', '2026-03')).sequence).toBe(4);
  });

  it("serves a partner's checkbook postings and a month's journal postings", async () => {
    await ledger.append('PRG-1', '2026-03', 4, [posting('RUN-C', 1, 'P2', '7.25')]);
    const p2 = await ledger.checkbookPostings('P2');
    expect(p2.map((read) => read.amount)).toEqual(['7.25']);
    expect(await ledger.checkbookPostings('P2', 'PRG-OTHER')).toEqual([]);
    expect(await ledger.postingsOfMonth('2026-03')).toHaveLength(252);
    expect(await ledger.postingsOfMonth('2026-04')).toEqual([]);
  });

  it('refuses postings dated into a closed month in the same transaction, and takes them once reopened', async () => {
    const deps = { accountingPeriods: periods, clock: () => new Date('2026-04-02T09:00:00Z') };
    await closeAccountingPeriod(deps, { userId: 'u-fin', role: 'finance' }, { month: '2026-03' });
    const before = await ledger.scope('PRG-1', '2026-03');

    await expect(
      ledger.append('PRG-1', '2026-03', before.sequence, [posting('RUN-D', 1)]),
    ).rejects.toBeInstanceOf(ClosedPeriodError);
    expect(await ledger.scope('PRG-1', '2026-03')).toEqual(before);

    await reopenAccountingPeriod(
      deps,
      { userId: 'u-admin', role: 'admin' },
      { month: '2026-03', reason: 'late vendor invoice' },
    );
    await ledger.append('PRG-1', '2026-03', before.sequence, [posting('RUN-D', 1)]);
    expect((await ledger.scope('PRG-1', '2026-03')).postings).toHaveLength(before.postings.length + 1);
  });
});

accrualLedgerContract('DynamoAccrualLedger', async () => ({
  ledger,
  accountingPeriods: periods,
  summaries: new DynamoLiabilitySummaries(createDocumentClient(loadConfig()), loadConfig().TABLE_NAME),
}));
