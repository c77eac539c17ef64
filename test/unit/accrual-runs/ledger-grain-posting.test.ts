import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainProgram } from '../../../domain/accrual-runs/run-steps';
import { accrualKey } from '../../../domain/accruals/accrual-entry';
import { assertJournalBalanced, journalFor } from '../../../domain/ledger/gl-journal';
import { ledgerGrainOf } from '../../../domain/ledger/ledger-grain';
import { postedAccrualsOf } from '../../../domain/ledger/postings-from-deltas';
import { toMinorUnits } from '../../../domain/shared/money/minor-units';
import { posting } from '../ledger/builders';
import { accrualRunDeps, channelLine } from './fakes';
import { completedRun, inForce } from './scenario';

/** Sums amounts by the ledger grain's key, in cents. */
function byGrain(items: readonly Parameters<typeof ledgerGrainOf>[0][], amountOf: (i: number) => string) {
  const sums = new Map<string, bigint>();
  items.forEach((item, i) => {
    const key = accrualKey(ledgerGrainOf(item));
    sums.set(key, (sums.get(key) ?? 0n) + toMinorUnits(amountOf(i), item.currency));
  });
  return new Map([...sums].filter(([, sum]) => sum !== 0n));
}

describe('posting at the ledger grain', () => {
  it('posts one posting per beneficiary and partner, not one per customer × item; explain keeps the entries', async () => {
    // Arrange: P1 sells to three customers, two items: three entries, one beneficiary
    const deps = accrualRunDeps();
    await inForce(deps);
    deps.lines.add(
      channelLine({ invoiceNumber: 'A', endCustomerId: 'C1', quantity: '100' }),
      channelLine({ invoiceNumber: 'B', endCustomerId: 'C2', sku: 'SKU-2', quantity: '200' }),
      channelLine({ invoiceNumber: 'C', endCustomerId: 'C3', quantity: '300' }),
    );

    // Act
    const { runId, results } = await completedRun(deps);

    // Assert: before the grain this run posted 3 postings, one per entry
    expect(results[0]).toMatchObject({ entries: 3, postings: 1, posted: { USD: '60.00' } });
    expect(await deps.ledger.postingsOfRun(runId)).toMatchObject([
      { kind: 'accrual', partnerId: 'P1', endCustomerId: null, sku: null, uom: null, amount: '60.00' },
    ]);
    const run = await deps.runs.get(runId);
    if (run === undefined) throw new Error('run not recorded');
    const explained = await explainProgram(
      deps,
      run,
      run.programs[0] ?? { programId: '', programVersion: 0 },
    );
    expect(explained.entries.map((entry) => [entry.endCustomerId, entry.sku, entry.amount])).toEqual([
      ['C1', 'SKU-1', '10.00'],
      ['C2', 'SKU-2', '20.00'],
      ['C3', 'SKU-1', '30.00'],
    ]);
  });

  it('trues up postings made per entry before the grain by the difference only', async () => {
    // Arrange: an earlier run posted P1's two customers one posting each (the old grain)
    const deps = accrualRunDeps();
    await inForce(deps);
    deps.lines.add(
      channelLine({ invoiceNumber: 'A', endCustomerId: 'C1', quantity: '100' }),
      channelLine({ invoiceNumber: 'B', endCustomerId: 'C2', quantity: '200' }),
    );
    const old = { programId: 'VOL-2026', period: '2026-03', uom: 'EA' };
    deps.ledger.seed(
      posting('accrual', { ...old, postingId: 'OLD-1', endCustomerId: 'C1', amount: '10.00' }),
      posting('accrual', { ...old, postingId: 'OLD-2', endCustomerId: 'C2', amount: '15.00' }),
    );

    // Act
    const { runId } = await completedRun(deps);

    // Assert: 30.00 earned, 25.00 posted: one true-up of 5.00, no reversal of the old postings
    expect(await deps.ledger.postingsOfRun(runId)).toMatchObject([
      { kind: 'trueUp', amount: '5.00', reason: 'restated from 25.00 to 30.00' },
    ]);
  });

  it('keeps the ledger equal to the entries at its grain and the journal balanced, run after run', async () => {
    const sale = fc.record({
      partnerId: fc.constantFrom('P1', 'P2'),
      endCustomerId: fc.constantFrom('C1', 'C2', 'C3'),
      sku: fc.constantFrom('SKU-1', 'SKU-2'),
      quantity: fc.integer({ min: -300, max: 900 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(sale, { maxLength: 6 }), { minLength: 1, maxLength: 4 }),
        async (batches) => {
          const deps = accrualRunDeps();
          await inForce(deps);
          let invoice = 0;
          for (const batch of batches) {
            for (const line of batch) {
              invoice += 1;
              deps.lines.add(
                channelLine({ ...line, invoiceNumber: `I${invoice}`, quantity: String(line.quantity) }),
              );
            }
            const { runId } = await completedRun(deps);
            const run = await deps.runs.get(runId);
            if (run === undefined) throw new Error('run not recorded');
            const { entries } = await explainProgram(deps, run, { programId: 'VOL-2026', programVersion: 1 });
            const ledger = deps.ledger.all();
            expect(byGrain(ledger, (i) => ledger[i]?.amount ?? '0')).toEqual(
              byGrain(entries, (i) => entries[i]?.amount ?? '0'),
            );
            expect(() => assertJournalBalanced(journalFor(ledger))).not.toThrow();
            // Two partners, each its own beneficiary: at most two posting keys whatever the customers and items
            const keys = new Set(postedAccrualsOf(ledger).map((posting) => posting.accrualKey));
            expect(keys.size).toBeLessThanOrEqual(2);
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
