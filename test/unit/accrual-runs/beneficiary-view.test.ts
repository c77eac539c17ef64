import { describe, expect, it } from 'vitest';
import { accrualEntriesVisibleTo } from '../../../domain/accrual-runs/beneficiary-view';
import { explainRunEntries } from '../../../domain/accrual-runs/run-use-cases';
import type { AccrualEntry } from '../../../domain/accruals/accrual-entry';
import { finance, partnerUser } from '../../support/actors';
import { accrualRunDeps, channelLine } from './fakes';
import { completedRun, inForce } from './scenario';

/** An entry of P1's sale to `customer` that GROUP-1 benefits from; only the fields the view reads matter. */
function entry(customer: string, amount: string, quantity: string, revenue: string): AccrualEntry {
  return {
    key: `k-${customer}`,
    programId: 'VOL-2026',
    programVersion: 1,
    period: '2026-03',
    fund: 'rebate',
    beneficiaryPartnerId: 'GROUP-1',
    partnerId: 'P1',
    endCustomerId: customer,
    billTo: `BT-${customer}`,
    sku: 'SKU-1',
    uom: 'EA',
    currency: 'USD',
    salesperson: 'rep-7',
    amount,
    trace: {
      window: { from: '2026-03-01', to: '2026-03-31' },
      quantity,
      revenue,
      sourceLineIds: [`P1/INV-${customer}/1`],
    },
  } as unknown as AccrualEntry;
}

const entries = [entry('C-1', '0.10', '1', '10.05'), entry('C-2', '0.20', '2', '20.10')];

describe('accrualEntriesVisibleTo', () => {
  it('gives staff every entry with its trace', () => {
    expect(accrualEntriesVisibleTo(finance, entries)).toEqual(entries);
  });

  it('gives the selling partner its own entries with their traces', () => {
    expect(accrualEntriesVisibleTo(partnerUser('P1'), entries)).toEqual(entries);
  });

  it("sums another partner's entries per product and period for a beneficiary: 0.10 + 0.20 = 0.30 exactly", () => {
    expect(accrualEntriesVisibleTo(partnerUser('GROUP-1'), entries)).toEqual([
      {
        view: 'beneficiary-aggregate',
        programId: 'VOL-2026',
        programVersion: 1,
        period: '2026-03',
        window: { from: '2026-03-01', to: '2026-03-31' },
        fund: 'rebate',
        beneficiaryPartnerId: 'GROUP-1',
        partnerId: 'P1',
        sku: 'SKU-1',
        uom: 'EA',
        currency: 'USD',
        amount: '0.3',
        quantity: '3',
        revenue: '30.15',
        entryCount: 2,
      },
    ]);
  });

  it('keeps products apart and shows nothing of entries the partner neither sold nor earns', () => {
    const other = { ...entry('C-3', '1.00', '1', '5'), sku: 'SKU-2' };
    const unrelated = { ...entry('C-4', '9.00', '1', '5'), beneficiaryPartnerId: 'P9', partnerId: 'P9' };
    const visible = accrualEntriesVisibleTo(partnerUser('GROUP-1'), [...entries, other, unrelated]);
    expect(visible.map((item) => [item.sku, item.amount])).toEqual([
      ['SKU-1', '0.3'],
      ['SKU-2', '1.00'],
    ]);
  });
});

describe('explainRunEntries for a beneficiary that did not sell', () => {
  it("shows a buying group totals of its members' sales, never their customers, invoices or line revenue", async () => {
    // Arrange: P1 sells to two end customers on two invoices; GROUP-1 earns the rebate.
    const deps = accrualRunDeps();
    await inForce(deps, { eligibility: { startDate: '2026-01-01', beneficiaryPartnerId: 'GROUP-1' } });
    deps.lines.add(
      channelLine({
        invoiceNumber: 'INV-SECRET-1',
        endCustomerId: 'CUST-SECRET-A',
        extendedAmount: '1234.56',
      }),
      channelLine({
        invoiceNumber: 'INV-SECRET-2',
        endCustomerId: 'CUST-SECRET-B',
        extendedAmount: '765.44',
      }),
    );
    const { runId } = await completedRun(deps);

    // Act
    const seen = await explainRunEntries(deps, partnerUser('GROUP-1'), { runId, programId: 'VOL-2026' });
    const staff = (await explainRunEntries(deps, finance, {
      runId,
      programId: 'VOL-2026',
    })) as AccrualEntry[];

    // Assert
    const text = JSON.stringify(seen);
    for (const secret of ['INV-SECRET', 'CUST-SECRET', '1234.56', '765.44'])
      expect(text).not.toContain(secret);
    expect(seen).toEqual([expect.objectContaining({ view: 'beneficiary-aggregate', revenue: '2000' })]);
    const staffTotal = staff.reduce((sum, item) => sum + Math.round(Number(item.amount) * 100), 0);
    expect(Math.round(Number(seen[0]?.amount) * 100)).toBe(staffTotal);
    expect(JSON.stringify(staff)).toContain('INV-SECRET-1');
  });
});
