import { describe, expect, it, vi } from 'vitest';
import { postProgramAccruals } from '../../../domain/accrual-runs/run-steps';
import { accrualRunDeps, channelLine } from './fakes';
import { inForce, preparedRun } from './scenario';

/** Two programs (USD for everyone, EUR for P3) and sales for both. */
async function twoPrograms() {
  const deps = accrualRunDeps();
  await inForce(deps);
  await inForce(deps, {
    programId: 'VOL-EUR',
    currency: 'EUR',
    eligibility: { startDate: '2026-01-01', partners: ['P3'] },
  });
  deps.lines.add(
    channelLine({ partnerId: 'P1', endCustomerId: 'C1', quantity: '100' }),
    channelLine({ partnerId: 'P2', invoiceNumber: 'INV-2', quantity: '300', extendedAmount: '3000.00' }),
    channelLine({ partnerId: 'P3', quantity: '50', extendedAmount: '450.00', currency: 'EUR' }),
  );
  return deps;
}

describe('one pass over the snapshot for all programs', () => {
  it('computes every program when preparing, so the Map items post without reading the snapshot', async () => {
    // Arrange
    const deps = await twoPrograms();
    const { steps } = await preparedRun(deps);
    const reads = vi.spyOn(deps.snapshots, 'read');

    // Act
    const results = [];
    for (const step of steps) results.push(await postProgramAccruals(deps, step));

    // Assert: before, each Map item read (and parsed) the whole snapshot again
    expect(reads).not.toHaveBeenCalled();
    expect(results.map((result) => [result.programId, result.entries, result.posted])).toEqual([
      ['VOL-2026', 2, { USD: '40.00' }],
      ['VOL-EUR', 1, { EUR: '5.00' }],
    ]);
  });

  it('posts the same as computing each program alone from the snapshot, as a run prepared before did', async () => {
    // Arrange: the same month prepared twice, the second without the programs' results written
    const withResults = await twoPrograms();
    const withoutResults = await twoPrograms();
    const first = await preparedRun(withResults);
    const second = await preparedRun(withoutResults);
    withoutResults.snapshots.computed.clear();

    // Act
    const computedOnce = [];
    for (const step of first.steps) computedOnce.push(await postProgramAccruals(withResults, step));
    const computedAlone = [];
    for (const step of second.steps) computedAlone.push(await postProgramAccruals(withoutResults, step));

    // Assert
    expect(computedOnce).toEqual(computedAlone);
    expect(withResults.ledger.all().map((posting) => [posting.partnerId, posting.amount])).toEqual(
      withoutResults.ledger.all().map((posting) => [posting.partnerId, posting.amount]),
    );
  });
});
