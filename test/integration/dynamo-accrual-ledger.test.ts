import { beforeAll, describe, expect, it } from 'vitest';
import { accrualKey } from '../../domain/accruals/accrual-entry';
import type { RunPosting } from '../../domain/ledger/ledger-posting';
import { VersionConflictError } from '../../domain/shared/errors';
import { DynamoAccrualLedger } from '../../functions/adapters/dynamo-accrual-ledger';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { loadConfig } from '../../functions/shared/config';
import { createTestTable } from '../support/test-table';

let ledger: DynamoAccrualLedger;

beforeAll(async () => {
  await createTestTable();
  const config = loadConfig();
  ledger = new DynamoAccrualLedger(createDocumentClient(config), config.TABLE_NAME);
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
    expect(scope.sequence).toBe(3); // 99 + 99 + 52
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
});
