import { describe, expect, it } from 'vitest';
import { closeAccountingPeriod } from '../../../domain/ledger/accounting-period-use-cases';
import { finance } from '../../support/actors';
import { annualVolumeProgram, sumCents } from '../accruals/builders';
import { accrualRunDeps, channelLine, type FakeAccrualRunDeps } from './fakes';
import { completedRun, inForce } from './scenario';

const june = { start: '2026-06-01', end: '2026-06-30' };
const july = { start: '2026-07-01', end: '2026-07-31' };
const september = { start: '2026-09-01', end: '2026-09-30' };

/** A program year from July: FY2025 is Jul 2025–Jun 2026, FY2026 is Jul 2026–Jun 2027. */
const fromJuly = { programYearStartMonth: 7, eligibility: { startDate: '2025-07-01' } };

function earnedIn(deps: FakeAccrualRunDeps, period: string): string {
  return sumCents(
    deps.ledger
      .all()
      .filter((posting) => posting.period === period)
      .map((posting) => posting.amount),
  );
}

/** Yearly, retrospective on revenue: 1 % from 0, 2 % from 50,000; June in FY2025, July and September in FY2026. */
async function yearlyFromJuly() {
  const deps = accrualRunDeps();
  await inForce(deps, {
    programId: 'YEARLY',
    periodGranularity: 'year',
    ...fromJuly,
    terms: {
      kind: 'volume',
      basis: 'revenue',
      method: 'retrospective',
      rateType: 'percentOfRevenue',
      tiers: [
        { from: '0', rate: '1' },
        { from: '50000', rate: '2' },
      ],
    },
  });
  deps.lines.add(
    channelLine({ invoiceNumber: 'JUN', invoiceDate: '2026-06-10', extendedAmount: '30000.00' }),
    channelLine({ invoiceNumber: 'JUL', invoiceDate: '2026-07-10', extendedAmount: '20000.00' }),
    channelLine({ invoiceNumber: 'SEP', invoiceDate: '2026-09-10', extendedAmount: '40000.00' }),
  );
  for (const month of [june, july, september]) await completedRun(deps, month);
  return deps;
}

describe('runs never move the ledger backwards: yearly periods from programYearStartMonth', () => {
  it('yearly from July: June accrues FY2025 300.00; July and September FY2026 60,000 × 2 % = 1,200.00', async () => {
    const deps = await yearlyFromJuly();

    expect(earnedIn(deps, 'FY2025')).toBe('300.00');
    expect(earnedIn(deps, 'FY2026')).toBe('1200.00');
  });

  it('re-running July after September measures FY2026 as of September 30: nothing moves back', async () => {
    // Arrange
    const deps = await yearlyFromJuly();

    // Act
    const rerun = await completedRun(deps, july);

    // Assert: measured to Sep 30 (20,000 at 1 % would be 200.00), so 1,200.00 stays
    expect(rerun.results[0]).toMatchObject({
      postings: 0,
      periods: [{ period: 'FY2026', measuredTo: '2026-09-30', postings: 0 }],
    });
    expect(earnedIn(deps, 'FY2026')).toBe('1200.00');
    expect(earnedIn(deps, 'FY2025')).toBe('300.00');
  });

  it('a late June line re-run after September trues up FY2025 only, in the first open month when June is closed', async () => {
    // Arrange: June is closed; a 25,000.00 June line arrives (FY2025: 55,000 × 2 % = 1,100.00)
    const deps = await yearlyFromJuly();
    await closeAccountingPeriod(deps, finance, { month: '2026-06' });
    deps.lines.add(
      channelLine({ invoiceNumber: 'LATE', invoiceDate: '2026-06-20', extendedAmount: '25000.00' }),
    );

    // Act
    const rerun = await completedRun(deps, june);

    // Assert: 800.00 dated July 1st, flagged prior-period (FY2025 ended June 30); FY2026 untouched
    const postings = await deps.ledger.postingsOfRun(rerun.runId);
    expect(postings).toEqual([
      expect.objectContaining({
        period: 'FY2025',
        amount: '800.00',
        postedOn: '2026-07-01',
        priorPeriod: true,
      }),
    ]);
    expect(earnedIn(deps, 'FY2025')).toBe('1100.00');
    expect(earnedIn(deps, 'FY2026')).toBe('1200.00');
  });
});

describe('runs never move the ledger backwards: annual-volume programs from programYearStartMonth', () => {
  /** 0.10 a unit, 0.20 from 1,000 units in the program year (from July), trued up at every monthly run. */
  async function annualFromJuly() {
    const deps = accrualRunDeps();
    await inForce(deps, { programId: 'ANNUAL', ...fromJuly, terms: annualVolumeProgram.terms });
    deps.lines.add(
      channelLine({ invoiceNumber: 'JUN', invoiceDate: '2026-06-10', quantity: '900' }),
      channelLine({ invoiceNumber: 'JUL', invoiceDate: '2026-07-10', quantity: '600' }),
      channelLine({ invoiceNumber: 'SEP', invoiceDate: '2026-09-10', quantity: '600' }),
    );
    for (const month of [june, july, september]) await completedRun(deps, month);
    return deps;
  }

  it('June’s 900 units count in FY2025 only (90.00): FY2026 reaches 1,000 units in September (1,200 × 0.20 = 240.00)', async () => {
    const deps = await annualFromJuly();

    expect(earnedIn(deps, 'FY2025')).toBe('90.00');
    expect(earnedIn(deps, 'FY2026')).toBe('240.00');
  });

  it('re-running July after September keeps 240.00: July is measured as of September 30', async () => {
    // Arrange
    const deps = await annualFromJuly();

    // Act
    const rerun = await completedRun(deps, july);

    // Assert: measured on its own, July's 600 units would be 60.00
    expect(rerun.results[0]).toMatchObject({
      postings: 0,
      periods: [{ period: 'FY2026', measuredTo: '2026-09-30', postings: 0 }],
    });
    expect(earnedIn(deps, 'FY2026')).toBe('240.00');
  });
});
