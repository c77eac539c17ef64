/**
 * Reports API latency on the local stack: each `GET /reports/…` timed over HTTP (p50/p99 of sequential
 * requests after a warm-up), first on the demo data (every seed level), then after `lineCount` more April
 * sale lines were stored and a month-end run read them (which leaves their monthly sales summaries). No report
 * reads channel lines, so their latency should not follow the line count; the figure that does is the
 * precompute, timed apart: summing 1,000,000 lines into summaries as the run does (ms). The liabilities
 * read the ledger's liability summaries (one Query for every partner), kept by the posting transactions.
 *
 * With BENCH_DATA_DIR the stack keeps its data under it (`reports/stack`), and a run whose lines were stored and
 * run there already (`reports/load.json`, written last) only times the reports after the lines: the demo set
 * is timed only on the run that loads (later runs find the lines there too). A stack without a finished load
 * of this size (none, a load killed half-way, another size) is emptied and loaded again.
 */
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import type { Actor } from '../domain/access/actor';
import { requestAccrualRun } from '../domain/accrual-runs/run-use-cases';
import type { SaleLine } from '../domain/accruals/sale-line';
import { summarizeSales } from '../domain/reports/sales-summary';
import { createAccrualDeps } from '../functions/accruals/create-accrual-deps';
import { type LocalStack, startLocalStack } from '../infra/local/local-stack';
import { benchDataDirectory, fileMarker, finishedLoad, warnOfSyncedLoad } from './load-once';
import { storeAprilLines } from './month-end-run';

const finance: Actor = { userId: 'bench-finance', role: 'finance' };
const requestsPerReport = 50;
const window = 'from=2025-05&to=2026-04';

/** The reports timed, each with the demo user asking. */
const reports = [
  { name: 'liabilities (staff, all)', path: '/reports/liabilities', user: 'demo-finance' },
  { name: 'liabilities (partner)', path: '/reports/liabilities', user: 'demo-partner-dist-north' },
  { name: 'claims ageing (staff)', path: '/reports/claims-ageing', user: 'demo-finance' },
  { name: 'top partners', path: '/reports/top-partners?limit=10', user: 'demo-finance' },
  {
    name: 'top partners by revenue',
    path: `/reports/top-partners?by=revenue&${window}&limit=10`,
    user: 'demo-finance',
  },
  {
    name: 'scorecard (12 months + prior year)',
    path: `/reports/partner-scorecards/DIST-NORTH?${window}`,
    user: 'demo-partner-dist-north',
  },
  { name: 'performance by region', path: `/reports/performance?${window}&by=region`, user: 'demo-finance' },
  { name: 'performance by segment', path: `/reports/performance?${window}&by=segment`, user: 'demo-finance' },
  {
    name: 'performance by category',
    path: `/reports/performance?${window}&by=category`,
    user: 'demo-finance',
  },
];

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

async function timeReports(stack: LocalStack, dataset: string) {
  const rows: Record<string, unknown>[] = [];
  for (const report of reports) {
    const get = async () => {
      const response = await fetch(`${stack.apiUrl}${report.path}`, {
        headers: { authorization: `Bearer ${stack.tokens[report.user]}` },
      });
      await response.text();
      if (response.status !== 200) throw new Error(`${report.path} answered ${response.status}`);
    };
    for (let warm = 0; warm < 5; warm++) await get();
    const timings: number[] = [];
    for (let request = 0; request < requestsPerReport; request++) {
      const started = performance.now();
      await get();
      timings.push(performance.now() - started);
    }
    timings.sort((a, b) => a - b);
    rows.push({
      dataset,
      report: report.name,
      p50Ms: Number(percentile(timings, 50).toFixed(1)),
      p99Ms: Number(percentile(timings, 99).toFixed(1)),
    });
  }
  return rows;
}

/**
 * The run's write-side cost: 1,000,000 lines over 500 partners, 20 categories, 2,000 SKUs and 12 months
 * summed exactly (cells and units per SKU).
 */
function timePrecompute(): { lines: number; summaries: number; ms: number } {
  const count = 1_000_000;
  const lines = Array.from(
    { length: count },
    (_, index) =>
      ({
        partnerId: `P${index % 500}`,
        invoiceDate: `2026-${String(1 + (index % 12)).padStart(2, '0')}-15`,
        category: `CAT-${index % 20}`,
        sku: `SKU-${index % 2000}`,
        currency: 'USD',
        quantityBase: String(1 + (index % 7)),
        extendedAmount: `${100 + (index % 900)}.${String(index % 100).padStart(2, '0')}`,
      }) as SaleLine,
  );
  const started = performance.now();
  const summaries = summarizeSales(lines);
  return { lines: count, summaries: summaries.length, ms: Math.round(performance.now() - started) };
}

interface LoadFigures {
  readonly seconds: number;
  /** One-minute load average at the start and the end of the load. */
  readonly machineLoad: string;
}

/** Stores `lineCount` April lines and runs April's month-end over them, as the reports are timed after. */
async function loadLinesAndRun(stack: LocalStack, lineCount: number): Promise<LoadFigures> {
  const loading = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  const settings = await storeAprilLines(stack, lineCount);
  const deps = createAccrualDeps(settings);
  const run = await requestAccrualRun(deps, finance, {
    period: { start: '2026-04-01', end: '2026-04-30' },
  });
  for (;;) {
    const current = await deps.runs.get(run.runId);
    if (current?.status === 'failed') throw new Error(`bench run failed: ${current.failure}`);
    if (current?.status === 'completed') break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    seconds: Math.round((performance.now() - loading) / 1000),
    machineLoad: `${loadBefore.toFixed(1)}→${(loadavg()[0] ?? 0).toFixed(1)}`,
  };
}

export async function runReportsBench(lineCount = Number(process.env.BENCH_REPORT_LINES ?? 100_000)) {
  const precompute = timePrecompute();
  const kept = benchDataDirectory('reports');
  const marker = kept === undefined ? undefined : fileMarker<LoadFigures>(path.join(kept, 'load.json'));
  const loaded = marker && (await finishedLoad(marker, lineCount));
  const stackDirectory = kept && path.join(kept, 'stack');
  if (stackDirectory && loaded === undefined) {
    warnOfSyncedLoad('reports', stackDirectory);
    rmSync(stackDirectory, { recursive: true, force: true });
  }
  const stack = await startLocalStack(
    stackDirectory ? { dataDirectory: stackDirectory, apiPort: 0 } : { inMemory: true, apiPort: 0 },
  );
  try {
    const demo = loaded === undefined ? await timeReports(stack, 'demo') : [];
    const load = loaded ?? (await loadLinesAndRun(stack, lineCount));
    if (loaded === undefined) await marker?.write({ size: lineCount, figures: load });
    console.log(
      `reports: ${lineCount} April lines stored and run in ${load.seconds} s (load average ${load.machineLoad})${loaded ? `, found in ${kept}` : ''}`,
    );
    const scaled = await timeReports(stack, `demo + ${lineCount} lines`);
    return {
      ...Object.fromEntries([...demo, ...scaled].map((row) => [`${row.dataset}: ${row.report}`, row])),
      precompute: { ...precompute, note: 'summarizeSales, as the run calls it' },
    };
  } finally {
    await stack.stop();
  }
}
