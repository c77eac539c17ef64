import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toSaleLine } from '../../../domain/accrual-runs/run-lines';
import { computeAccrualAmounts } from '../../../domain/accruals/engine/compute-accruals';
import { measurementWindows } from '../../../domain/accruals/measurement-window';
import type { SaleLine } from '../../../domain/accruals/sale-line';
import { closeAccountingPeriod } from '../../../domain/ledger/accounting-period-use-cases';
import type { RebateProgram } from '../../../domain/programs/program';
import { finance } from '../../support/actors';
import { annualVolumeProgram, sumCents } from '../accruals/builders';
import { accrualRunDeps, channelLine, type FakeAccrualRunDeps } from './fakes';
import { completedRun, inForce } from './scenario';

const months = ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11', '2026-12'];
const lastDay: Record<string, string> = {
  '2026-07': '31',
  '2026-08': '31',
  '2026-09': '30',
  '2026-10': '31',
  '2026-11': '30',
  '2026-12': '31',
};
const runPeriodOf = (month: string) => ({ start: `${month}-01`, end: `${month}-${lastDay[month]}` });

const retrospective = (basis: 'revenue' | 'quantity', tiers: { from: string; rate: string }[]) => ({
  basis,
  method: 'retrospective' as const,
  rateType: basis === 'revenue' ? ('percentOfRevenue' as const) : ('amountPerUnit' as const),
  tiers,
});

/** Quarterly (the issue's), yearly and annual-volume (measured over the year, accrued monthly) programs. */
async function threePrograms(deps: FakeAccrualRunDeps): Promise<RebateProgram[]> {
  return [
    await inForce(deps, {
      programId: 'Q-RETRO',
      periodGranularity: 'quarter',
      terms: {
        kind: 'volume',
        ...retrospective('revenue', [
          { from: '10000', rate: '3' },
          { from: '30000', rate: '5' },
        ]),
      },
    }),
    await inForce(deps, {
      programId: 'YEARLY',
      periodGranularity: 'year',
      terms: {
        kind: 'volume',
        ...retrospective('revenue', [
          { from: '0', rate: '1' },
          { from: '50000', rate: '2' },
        ]),
      },
    }),
    await inForce(deps, { programId: 'ANNUAL', terms: annualVolumeProgram.terms }),
  ];
}

type Action =
  | { readonly kind: 'run'; readonly month: string }
  | { readonly kind: 'file'; readonly month: string; readonly line: number; readonly amount: number }
  | { readonly kind: 'close'; readonly month: string };

const month = fc.constantFrom(...months);
const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('run' as const), month }) },
  {
    weight: 3,
    // Few line numbers, so later files often restate a line an earlier file sent.
    arbitrary: fc.record({
      kind: fc.constant('file' as const),
      month,
      line: fc.integer({ min: 1, max: 4 }),
      amount: fc.integer({ min: 1, max: 25_000 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), month }) },
);

/** A partner file line: a new invoice line, or a restatement of one sent before (same natural key). */
function receive(deps: FakeAccrualRunDeps, file: Extract<Action, { kind: 'file' }>): void {
  const line = channelLine({
    invoiceNumber: `INV-${file.month}`,
    invoiceLine: String(file.line),
    invoiceDate: `${file.month}-15`,
    quantity: String(Math.ceil(file.amount / 10)),
    extendedAmount: `${file.amount}.00`,
  });
  const index = deps.lines.lines.findIndex(
    (stored) => stored.invoiceNumber === line.invoiceNumber && stored.invoiceLine === line.invoiceLine,
  );
  if (index === -1) deps.lines.add(line);
  else deps.lines.lines[index] = line;
}

/** The engine's total of one program period as of `asOf`, over the lines stored now. */
function engineTotal(program: RebateProgram, lines: readonly SaleLine[], period: string, asOf: string) {
  const run = computeAccrualAmounts({ lines, programs: [program], period: { start: asOf, end: asOf } });
  return sumCents(run.entries.filter((entry) => entry.period === period).map((entry) => entry.amount));
}

function ledgerTotal(deps: FakeAccrualRunDeps, programId: string, period: string) {
  return sumCents(
    deps.ledger
      .all()
      .filter((posting) => posting.programId === programId && posting.period === period)
      .map((posting) => posting.amount),
  );
}

describe('accrual runs in any order (property)', () => {
  it('leave each program period at the engine total as of its latest accrued day, never in a closed month', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 14 }), async (actions) => {
        const deps = accrualRunDeps();
        const programs = await threePrograms(deps);
        const closed = new Set<string>();
        const latest = new Map<string, string>();
        const expected = new Map<string, string>();
        for (const step of actions) {
          if (step.kind === 'file') receive(deps, step);
          if (step.kind === 'close' && !closed.has(step.month)) {
            await closeAccountingPeriod(deps, finance, { month: step.month });
            closed.add(step.month);
          }
          if (step.kind !== 'run') continue;
          const { runId } = await completedRun(deps, runPeriodOf(step.month));
          const lines = deps.lines.lines.map(toSaleLine).filter((line): line is SaleLine => 'lineId' in line);
          for (const program of programs) {
            for (const window of measurementWindows(program, runPeriodOf(step.month))) {
              const key = `${program.programId}|${window.period.label}`;
              const asOf = [latest.get(key) ?? window.to, window.to].sort()[1] ?? window.to;
              latest.set(key, asOf);
              expected.set(key, engineTotal(program, lines, window.period.label, asOf));
            }
          }
          for (const posting of await deps.ledger.postingsOfRun(runId)) {
            expect(closed.has(posting.postedOn.slice(0, 7))).toBe(false);
          }
          for (const [key, total] of expected) {
            const [programId = '', period = ''] = key.split('|');
            expect(ledgerTotal(deps, programId, period)).toBe(total);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
