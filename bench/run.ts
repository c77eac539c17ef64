/**
 * `npm run bench`: every benchmark in one run, figures printed as tables. Benchmarks are measurements, not
 * tests: nothing here fails on a slow machine, only on a wrong result.
 *   - ingest parse: raw split limit vs papaparse vs our parse+map+validate+normalize pipeline (1M POS lines)
 *   - ingest store: end-to-end ingest into DynamoDB Local (lines/s)
 *   - accruals: our engine vs DuckDB SQL on 1M lines × 30 programs, agreeing to the cent (run bundled, as
 *     the Lambdas run it)
 *   - month-end run: a run through the workflow on the local stack (10,000 April lines or `--lines N`, demo
 *     programs): postings written, entries computed, seconds request → completed, and a rerun posting nothing
 *   - api load: partner reads on the local stack at a fixed offered rate and at max (req/s, p50/p99, errors)
 *   - claims: claims on the local stack, submit → auto-approved → payable → one payment batch's pain.001 (claims/s,
 *     p50/p99, CPU ms per claim, decision latency with waiting tasks; reserved, approved and CtrlSum exact)
 *   - payment export: a 10,000-payment bank-transfer batch built and exported as pain.001 XML (ms)
 *   - ship & debit: a 100,000-line claim file validated against 1M POS lines and 10,000 authorizations, ours
 *     vs the same validation as one DuckDB statement, agreeing line by line (lines/s; run bundled)
 *   - deal registration: conflict check of one registration against 10k/100k (BENCH_DEAL_SIZES, up to 1M)
 *     existing ones on DynamoDB Local (p50/p99 per check; flat when the index works)
 *   - reports: each GET /reports/… over HTTP on the demo data and after `--lines N` (default 100,000) more
 *     lines and a run (p50/p99), and the run's precompute of 1M lines into monthly summaries (ms)
 *   - portal: the web app's first load (gzip bytes of html, script and stylesheet) and the time to the partner's
 *     home page with its figures on the local stack, in headless Chromium (median of a few loads, cold and warm)
 *   - entity layer: our key modules + table access vs an ElectroDB entity and a DynamoDB-Toolbox entity for the
 *     sale line (bundle bytes, cold import ms, CPU to build and marshal 100,000 put items, a batch write into
 *     DynamoDB Local), all building the same keys
 */
import { accrualBenchNote } from './accruals';
import { runApiLoadBench } from './api-load';
import { runBundled } from './bundled';
import { runClaimsBench } from './claims-submit';
import { runDealRegistrationBench } from './deal-registration';
import { runEntityLayerBench } from './entity-layer';
import { runIngestParseBench } from './ingest-parse';
import { runIngestStoreBench } from './ingest-store';
import { runMonthEndBench } from './month-end-run';
import { runPaymentExportBench } from './payment-export';
import { runPortalBench } from './portal';
import { runReportsBench } from './reports';

const args = process.argv.slice(2);
// `--lines N` sizes the month-end run (default 10,000, or BENCH_RUN_LINES) and the reports' extra lines.
const linesAt = args.indexOf('--lines');
const runLines = linesAt === -1 ? undefined : Number(args[linesAt + 1]);
if (runLines !== undefined && !(Number.isInteger(runLines) && runLines > 0)) {
  throw new Error(`--lines must be a positive whole number, got '${args[linesAt + 1]}'`);
}
const only = linesAt === -1 ? args : [...args.slice(0, linesAt), ...args.slice(linesAt + 2)];
const benches: Record<string, () => Promise<Record<string, unknown>>> = {
  'ingest-parse': () => runIngestParseBench(),
  'ingest-store': () => runIngestStoreBench(),
  accruals: () => runBundled('accruals.ts'),
  'month-end-run': () => runMonthEndBench(runLines),
  'api-load': () => runApiLoadBench(),
  claims: () => runClaimsBench(),
  'payment-export': () => runPaymentExportBench(),
  'ship-and-debit': () => runBundled('ship-and-debit.ts'),
  'deal-registration': () => runDealRegistrationBench(),
  reports: () => runReportsBench(runLines),
  portal: () => runPortalBench(),
  'entity-layer': () => runEntityLayerBench(),
};

for (const [name, run] of Object.entries(benches)) {
  if (only.length > 0 && !only.includes(name)) continue;
  console.log(`\n== ${name}`);
  const result = await run();
  console.table(result);
  if (name === 'accruals') console.log(accrualBenchNote);
  // A benchmark whose two computations disagree is a bug, not a slow machine.
  const figures = [result, ...Object.values(result)] as Record<string, unknown>[];
  const disagrees = figures.some((each) =>
    [
      each?.agreeToTheCent,
      each?.reservedExact,
      each?.controlSumExact,
      each?.allApproved,
      each?.agreeLineByLine,
      each?.conflictsExact,
      each?.keysAgree,
      each?.sameAsStore,
      each?.toolboxSameAsOurs,
      each?.toolboxReadsOurs,
      each?.allStored,
    ].includes(false),
  );
  if (disagrees) process.exitCode = 1;
}

// A bench is a one-shot command: a local stack run in this process (reports) leaves its handlers' SDK
// clients with keep-alive sockets and timers behind after `stop()`, which would keep the process alive.
process.exit();
