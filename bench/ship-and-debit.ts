/**
 * Ship & debit validation benchmark (issue 13): one claim file of 100,000 lines checked against 1,000,000
 * POS lines and 10,000 debit authorizations (ship-and-debit-data.ts), (a) by the domain
 * (indexAuthorizations + PosSaleIndex + validateDebitClaimLines, from objects in memory) and (b) by DuckDB
 * in-process as one SQL statement over the same data loaded from CSV (ship-and-debit-duckdb.ts). Loading is
 * excluded on both sides; the two must agree line by line on reason, approved quantity and cents.
 * Goals: ours ≤ 1.0× DuckDB's time and ≥ 50,000 claim lines/s. Medians of 3 runs after a warm-up; CPU
 * milliseconds (user + system, GC and DuckDB threads included) beside the wall times, steadier on a shared
 * machine, with the load average before → after.
 * Run: `npm run bench -- ship-and-debit`, or `npx tsx bench/ship-and-debit.ts [claimLines] [posLines]`.
 */
import { loadavg } from 'node:os';
import { pathToFileURL } from 'node:url';
import { toMinorUnits } from '../domain/shared/money/minor-units';
import { indexAuthorizations } from '../domain/ship-and-debit/authorization-index';
import {
  type DebitClaimLineResult,
  validateDebitClaimLines,
} from '../domain/ship-and-debit/claim-line-validation';
import { PosSaleIndex } from '../domain/ship-and-debit/pos-sale-index';
import { cpuMilliseconds } from './accruals-duckdb';
import {
  claimWindowDays,
  generateShipAndDebitData,
  partnerId,
  posToleranceBasisPoints,
  receivedOn,
  type ShipAndDebitData,
} from './ship-and-debit-data';
import { type LineOutcome, runDuckDbValidation } from './ship-and-debit-duckdb';

const repeats = 3;
const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** The domain's validation of the whole file, from the data in memory to one result per line. */
export function validateFile(data: ShipAndDebitData): DebitClaimLineResult[] {
  return validateDebitClaimLines(
    {
      partnerId,
      currency: 'USD',
      receivedOn,
      claimWindowDays,
      posToleranceBasisPoints,
      authorizations: indexAuthorizations(data.authorizations),
      sales: PosSaleIndex.of(data.claimLines, data.sales),
      claimedInvoiceLines: data.claimedInvoiceLines,
      endCustomerSegments: new Map(),
      bookCostOf: (_authorization, line) => data.prices.get(line.productSku),
    },
    data.claimLines,
  );
}

const outcomeOf = (result: DebitClaimLineResult): LineOutcome => ({
  reason: result.reason ?? null,
  approvedQuantity: result.approvedQuantity,
  approvedCents: toMinorUnits(result.approvedAmount, 'USD'),
});

export async function runShipAndDebitBench(claimLineCount = 100_000, posLineCount = 1_000_000) {
  const data = generateShipAndDebitData(claimLineCount, posLineCount);
  const loadBefore = loadavg()[0] as number;
  let results: DebitClaimLineResult[] = validateFile(data);
  const ours: number[] = [];
  const oursCpu: number[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    results = validateFile(data);
    ours.push(performance.now() - started);
    oursCpu.push(cpuMilliseconds(process.cpuUsage(cpuStarted)));
  }
  const duck = await runDuckDbValidation(data, repeats);
  const disagreements = results.filter((result) => {
    const theirs = duck.outcomes.get(result.lineNumber);
    const mine = outcomeOf(result);
    return (
      theirs === undefined ||
      theirs.reason !== mine.reason ||
      theirs.approvedQuantity !== mine.approvedQuantity ||
      theirs.approvedCents !== mine.approvedCents
    );
  });
  const reasons = new Map<string, number>();
  for (const result of results) {
    const key = result.reason ?? 'approved';
    reasons.set(key, (reasons.get(key) ?? 0) + 1);
  }
  const oursMs = median(ours);
  const duckMs = median(duck.validateTimes);
  const duckCpuMs = median(duck.validateCpuTimes);
  return {
    claimLines: data.claimLines.length,
    posLines: data.sales.length,
    authorizations: data.authorizations.length,
    oursMs: Math.round(oursMs),
    oursLinesPerSecond: Math.round((data.claimLines.length / oursMs) * 1000),
    duckDbValidateMs: Math.round(duckMs),
    duckDbLoadMs: Math.round(median(duck.loadTimes)),
    oursOverDuckDb: Number((oursMs / duckMs).toFixed(2)),
    oursCpuMs: Math.round(median(oursCpu)),
    duckDbValidateCpuMs: Math.round(duckCpuMs),
    oursOverDuckDbCpu: Number((median(oursCpu) / duckCpuMs).toFixed(2)),
    loadAverage: `${loadBefore.toFixed(1)} → ${(loadavg()[0] as number).toFixed(1)}`,
    agreeLineByLine: disagreements.length === 0 && duck.outcomes.size === results.length,
    disagreeing: disagreements.slice(0, 3).map((result) => result.lineNumber),
    outcomes: [...reasons.entries()]
      .sort(([, a], [, b]) => b - a)
      .map(([reason, count]) => `${reason} ${count}`)
      .join(', '),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const json = process.argv.includes('--json');
  const [claims, pos] = process.argv
    .slice(2)
    .filter((arg) => arg !== '--json')
    .map(Number);
  runShipAndDebitBench(claims, pos).then(
    (result) => {
      console.log(json ? JSON.stringify(result) : result);
      if (!result.agreeLineByLine) process.exitCode = 1;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
