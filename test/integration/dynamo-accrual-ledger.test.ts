import { beforeAll, describe, expect, it } from 'vitest';
import { accrualKey } from '../../domain/accruals/accrual-entry';
import { ClosedPeriodError } from '../../domain/ledger/accounting-period';
import {
  closeAccountingPeriod,
  reopenAccountingPeriod,
} from '../../domain/ledger/accounting-period-use-cases';
import type { RunPosting } from '../../domain/ledger/ledger-posting';
import { VersionConflictError } from '../../domain/shared/errors';
import { accrualStores } from '../../functions/adapters/accrual-stores';
import { DynamoAccrualLedger } from '../../functions/adapters/dynamo-accrual-ledger';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { loadConfig } from '../../functions/shared/config';
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

function posting(runId: string, index: number, partnerId = 'P1', amount = '1.00'): RunPosting {
  const dimensions = {
    programId: 'PRG-1',
    period: '2026-03',
    fund: 'rebate' as const,
    beneficiaryPartnerId: partnerId,
    partnerId,
    endCustomerId: `C${index}`,
    billTo: '',
    sku: null,
    uom: null,
    currency: 'USD' as const,
    salesperson: null,
  };
  return {
    kind: 'accrual',
    postingId: `${runId}#${String(index).padStart(4, '0')}`,
    ...dimensions,
    amount,
    postedOn: '2026-03-31',
    reason: 'new accrual',
    runId,
    accrualKey: accrualKey(dimensions),
    priorPeriod: false,
  };
}

describe('DynamoAccrualLedger', () => {
  it('appends more than one transaction of postings atomically per chunk and advances the sequence', async () => {
    const postings = Array.from({ length: 250 }, (_, index) => posting('RUN-A', index));
    await ledger.append('PRG-1', '2026-03', 0, postings);
    const scope = await ledger.scope('PRG-1', '2026-03');
    expect(scope.sequence).toBe(3); // 98 + 98 + 54
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

  it('keeps how far a period is measured on its head, moved even by an append that posts nothing', async () => {
    expect(await ledger.measured('PRG-2', 'FY2026-Q4')).toBeNull();
    await ledger.append('PRG-2', 'FY2026-Q4', 0, [], { to: '2026-10-31', runId: 'RUN-OCT' });
    expect(await ledger.measured('PRG-2', 'FY2026-Q4')).toEqual({ to: '2026-10-31', runId: 'RUN-OCT' });
    const scope = await ledger.scope('PRG-2', 'FY2026-Q4');
    expect(scope).toEqual({ sequence: 1, postings: [], measured: { to: '2026-10-31', runId: 'RUN-OCT' } });
  });
});
