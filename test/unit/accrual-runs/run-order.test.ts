import { describe, expect, it } from 'vitest';
import { lateLinesOfRun } from '../../../domain/accrual-runs/late-lines';
import { postProgramAccruals } from '../../../domain/accrual-runs/run-steps';
import { closeAccountingPeriod } from '../../../domain/ledger/accounting-period-use-cases';
import { buildCheckbooks } from '../../../domain/ledger/checkbook';
import { finance } from '../../support/actors';
import { annualVolumeProgram, sumCents } from '../accruals/builders';
import { accrualRunDeps, channelLine, type FakeAccrualRunDeps } from './fakes';
import { completedRun, inForce, preparedRun } from './scenario';

const october = { start: '2026-10-01', end: '2026-10-31' };
const november = { start: '2026-11-01', end: '2026-11-30' };
const december = { start: '2026-12-01', end: '2026-12-31' };

/** The program: quarterly, retrospective on revenue, 3 % from 10,000 and 5 % from 30,000. */
async function quarterlyRetrospective() {
  const deps = accrualRunDeps();
  await inForce(deps, {
    programId: 'Q-RETRO',
    periodGranularity: 'quarter',
    terms: {
      kind: 'volume',
      basis: 'revenue',
      method: 'retrospective',
      rateType: 'percentOfRevenue',
      tiers: [
        { from: '10000', rate: '3' },
        { from: '30000', rate: '5' },
      ],
    },
  });
  deps.lines.add(
    channelLine({ invoiceNumber: 'OCT', invoiceDate: '2026-10-15', extendedAmount: '6000.00' }),
    channelLine({ invoiceNumber: 'NOV', invoiceDate: '2026-11-15', extendedAmount: '8000.00' }),
    channelLine({ invoiceNumber: 'DEC', invoiceDate: '2026-12-15', extendedAmount: '20000.00' }),
  );
  return deps;
}

function quarterPostings(deps: FakeAccrualRunDeps) {
  return deps.ledger.all().filter((posting) => posting.period === 'FY2026-Q4');
}

const earned = (deps: FakeAccrualRunDeps) => sumCents(quarterPostings(deps).map((p) => p.amount));

/** October, November and December run in order: 0, then 420.00, then a 1,280.00 true-up (1,700.00). */
async function quarterRunInOrder() {
  const deps = await quarterlyRetrospective();
  for (const month of [october, november, december]) await completedRun(deps, month);
  return deps;
}

describe('runs never move the ledger backwards', () => {
  it('the issue: Oct, Nov, Dec in order post 0, 420.00 and a 1,280.00 true-up; re-running October keeps 1,700.00', async () => {
    // Arrange
    const deps = await quarterlyRetrospective();
    const oct = await completedRun(deps, october);
    const nov = await completedRun(deps, november);
    const dec = await completedRun(deps, december);
    expect([oct, nov, dec].map((run) => run.results[0]?.posted)).toEqual([
      {},
      { USD: '420.00' },
      { USD: '1280.00' },
    ]);

    // Act: finance re-runs October, as it would to pick up a late file
    const rerun = await completedRun(deps, october);

    // Assert: measured as of December (the latest month accrued), so nothing changes
    expect(rerun.results[0]).toMatchObject({
      postings: 0,
      posted: {},
      periods: [{ period: 'FY2026-Q4', measuredTo: '2026-12-31', postings: 0 }],
    });
    expect(earned(deps)).toBe('1700.00');
    const [book] = buildCheckbooks(deps.ledger.all());
    expect(book?.earned).toBe('1700.00');
  });

  it('re-running October after a late October line trues up the quarter as of December, dated in October', async () => {
    // Arrange: a 1,000.00 October line arrives after December's run (35,000 in the quarter: 1,750.00)
    const deps = await quarterRunInOrder();
    deps.lines.add(
      channelLine({ invoiceNumber: 'LATE', invoiceDate: '2026-10-20', extendedAmount: '1000.00' }),
    );

    // Act
    const rerun = await completedRun(deps, october);

    // Assert
    const [trueUp] = await deps.ledger.postingsOfRun(rerun.runId);
    expect(trueUp).toMatchObject({
      kind: 'trueUp',
      amount: '50.00',
      postedOn: '2026-10-31',
      priorPeriod: false,
    });
    expect(earned(deps)).toBe('1750.00');
  });

  it('posts the late change of a closed quarter into the first open month, flagged prior-period', async () => {
    // Arrange: October to December are closed; a late December line of 2,000.00 arrives (36,000: 1,800.00)
    const deps = await quarterRunInOrder();
    for (const month of ['2026-10', '2026-11', '2026-12']) {
      await closeAccountingPeriod(deps, finance, { month });
    }
    deps.lines.add(
      channelLine({ invoiceNumber: 'LATE', invoiceDate: '2026-12-30', extendedAmount: '2000.00' }),
    );

    // Act: finance runs the closed December again
    const rerun = await completedRun(deps, december);

    // Assert
    const [trueUp] = await deps.ledger.postingsOfRun(rerun.runId);
    expect(trueUp).toMatchObject({
      kind: 'trueUp',
      amount: '100.00',
      postedOn: '2027-01-01',
      priorPeriod: true,
    });
    expect(rerun.results[0]?.periods).toEqual([
      expect.objectContaining({ postedOn: '2027-01-01', priorPeriod: true, postings: 1 }),
    ]);
    expect(earned(deps)).toBe('1800.00');
  });

  it('moves the postings to the next open month when the month closes while the run posts', async () => {
    // Arrange: October is closed by finance just before the run's append reaches the ledger
    const deps = await quarterlyRetrospective();
    await completedRun(deps, october);
    await completedRun(deps, november);
    deps.ledger.simulateConcurrentAppend(async () => {
      await closeAccountingPeriod(deps, finance, { month: '2026-11' });
    });

    // Act: November re-run with a late November line of 1,000.00 (15,000: 450.00)
    deps.lines.add(
      channelLine({ invoiceNumber: 'LATE', invoiceDate: '2026-11-20', extendedAmount: '1000.00' }),
    );
    const rerun = await completedRun(deps, november);

    // Assert: refused in November, posted on December 1st instead; nothing dated into the closed month
    const postings = await deps.ledger.postingsOfRun(rerun.runId);
    expect(postings).toEqual([expect.objectContaining({ amount: '30.00', postedOn: '2026-12-01' })]);
    expect(earned(deps)).toBe('450.00');
  });

  it('leaves a period alone when a run measured it further while this run was being prepared', async () => {
    // Arrange: an October run is prepared, then December's run measures the quarter to Dec 31
    const deps = await quarterlyRetrospective();
    await completedRun(deps, november);
    const { steps } = await preparedRun(deps, october);
    await completedRun(deps, december);

    // Act
    const [step] = steps;
    if (step === undefined) throw new Error('no step');
    const result = await postProgramAccruals(deps, step);

    // Assert: October's run would have taken the quarter back to 0.00; it posts nothing
    expect(result.periods).toEqual([expect.objectContaining({ superseded: true, postings: 0 })]);
    expect(earned(deps)).toBe('1700.00');
  });

  it('measures a yearly annual-volume program as of the latest month accrued when an earlier month is re-run', async () => {
    // Arrange: $0.10 a unit, $0.20 from 1,000 units in the year; 600 in March, 600 in May
    const deps = accrualRunDeps();
    await inForce(deps, { programId: 'ANNUAL', terms: annualVolumeProgram.terms });
    deps.lines.add(
      channelLine({ invoiceNumber: 'MAR', quantity: '600' }),
      channelLine({ invoiceNumber: 'MAY', invoiceDate: '2026-05-10', quantity: '600' }),
    );
    await completedRun(deps, { start: '2026-03-01', end: '2026-03-31' });
    await completedRun(deps, { start: '2026-05-01', end: '2026-05-31' });

    // Act
    const rerun = await completedRun(deps, { start: '2026-03-01', end: '2026-03-31' });

    // Assert: 1,200 units × 0.20 stays posted
    expect(rerun.results[0]?.postings).toBe(0);
    expect(sumCents(deps.ledger.all().map((posting) => posting.amount))).toBe('240.00');
  });

  it('explains a true-up by the lines that arrived late or restated, with the file and line they came from', async () => {
    // Arrange: after December's run, a late October line and a restated November line (8,000 → 9,000)
    const deps = await quarterRunInOrder();
    deps.lines.add(
      channelLine({
        invoiceNumber: 'LATE',
        invoiceDate: '2026-10-20',
        extendedAmount: '1000.00',
        sourceFileId: 'F-LATE',
        sourceLineNumber: 2,
      }),
    );
    const november = deps.lines.lines.findIndex((line) => line.invoiceNumber === 'NOV');
    deps.lines.lines[november] = channelLine({
      invoiceNumber: 'NOV',
      invoiceDate: '2026-11-15',
      extendedAmount: '9000.00',
      sourceFileId: 'F-FIX',
      sourceLineNumber: 7,
    });
    const december = (await deps.runs.list({ limit: 10 })).items.at(-1)?.runId;

    // Act
    const rerun = await completedRun(deps, october);
    const late = await lateLinesOfRun(deps, finance, { runId: rerun.runId, programId: 'Q-RETRO' });

    // Assert: 36,000 at 5 % = 1,800.00, a 100.00 true-up explained by both lines
    expect(earned(deps)).toBe('1800.00');
    expect(late).toEqual([
      {
        period: 'FY2026-Q4',
        postings: 1,
        postedOn: '2026-10-31',
        priorPeriod: false,
        previousRunId: december,
        previouslyMeasuredTo: '2026-12-31',
        lines: [
          expect.objectContaining({
            lineId: 'P1/LATE/1',
            change: 'new',
            sourceFileId: 'F-LATE',
            sourceLineNumber: 2,
          }),
          expect.objectContaining({
            lineId: 'P1/NOV/1',
            change: 'restated',
            sourceFileId: 'F-FIX',
            sourceLineNumber: 7,
          }),
        ],
      },
    ]);
  });
});
