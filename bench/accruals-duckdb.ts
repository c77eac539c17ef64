/**
 * The accrual benchmark's DuckDB side: the same accruals as one SQL statement over the lines loaded from a
 * CSV file. Volumes are BIGINT micro-units, rate factors integers of 1e-8, amounts HUGEINT of 1e-14; each
 * pool is rounded half-even to cents once, as the engine does.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { rateFactor } from '../domain/accruals/engine/rating-plan';
import type { SaleLine } from '../domain/accruals/sale-line';
import { scaledTier } from '../domain/accruals/tier-math';
import type { RebateProgram } from '../domain/programs/program';
import { parseScaled } from '../domain/shared/money/scaled-integer';
import { period } from './accruals-data';

const micro = (text: string) => `${parseScaled(text, 6)}::HUGEINT`;
const factor = (text: string, rateType: 'percentOfRevenue' | 'amountPerUnit') =>
  `${rateFactor(text, rateType)}::HUGEINT`;
const sqlList = (values: readonly string[]) => values.map((value) => `'${value}'`).join(', ');

/** The program period label of a line's date (program years start in January in the bench). */
function periodSql(program: RebateProgram, d = 'd'): string {
  if (program.terms.kind === 'annualVolume') return `'FY' || year(${d})`;
  return program.periodGranularity === 'month'
    ? `strftime(${d}, '%Y-%m')`
    : `'FY' || year(${d}) || '-Q' || quarter(${d})`;
}

function eligibilitySql(program: RebateProgram, baseline: boolean): string {
  const conditions = [`currency = '${program.currency}'`];
  const products = program.eligibility.products;
  if (products.scope === 'categories') conditions.push(`category IN (${sqlList(products.categories)})`);
  if (products.scope === 'items') conditions.push(`sku IN (${sqlList(products.skus)})`);
  if (program.terms.kind === 'spif') {
    conditions.push(`sku IN (${sqlList(program.terms.products.map((product) => product.sku))})`);
  }
  // ISO dates compare as text: the latest start and the earliest end bound the window.
  const starts = [program.eligibility.startDate, period.start];
  const ends = [period.end];
  if (program.terms.kind === 'promotion') {
    starts.push(program.terms.window.start);
    ends.push(program.terms.window.end);
  }
  const from = starts.sort().at(-1) as string;
  const to = ends.sort()[0] as string;
  const shift = baseline ? ` - INTERVAL 1 YEAR` : '';
  conditions.push(`d BETWEEN DATE '${from}'${shift} AND DATE '${to}'${shift}`);
  return conditions.join(' AND ');
}

/** CASE picking the highest tier whose threshold `volume` reaches (the rate factor, 0 below the first). */
function tierCase(
  tiers: readonly { from: string; rate: string }[],
  rateType: 'percentOfRevenue' | 'amountPerUnit',
  reached: (from: string) => string,
): string {
  const arms = [...tiers]
    .reverse()
    .map((tier) => `WHEN ${reached(tier.from)} THEN ${factor(tier.rate, rateType)}`)
    .join(' ');
  return `CASE ${arms} ELSE 0::HUGEINT END`;
}

/**
 * Stepped tiers with the engine's semantics (domain/accruals/tier-math): band i runs from its band start (one
 * unit below `from` for counted units) to the next band's start once the next tier is reached, else to the
 * volume; a tier not reached contributes nothing.
 */
function steppedSql(
  tiers: readonly { from: string; rate: string }[],
  rateType: 'percentOfRevenue' | 'amountPerUnit',
  volume: string,
  countsUnits: boolean,
): string {
  const scaled = tiers.map((tier) => scaledTier(parseScaled(tier.from, 6), 0n, countsUnits));
  const magnitude = `abs(${volume})`;
  const reached = (index: number) => `${magnitude} >= ${scaled[index]?.from}::HUGEINT`;
  const bands = tiers.map((tier, index) => {
    const next = scaled[index + 1];
    const top =
      next === undefined
        ? magnitude
        : `CASE WHEN ${reached(index + 1)} THEN ${next.bandStart}::HUGEINT ELSE ${magnitude} END`;
    const inBand = `greatest(0::HUGEINT, ${top} - ${scaled[index]?.bandStart}::HUGEINT)`;
    return `CASE WHEN ${reached(index)} THEN ${inBand} * ${factor(tier.rate, rateType)} ELSE 0::HUGEINT END`;
  });
  return `sign(${volume}) * (${bands.join(' + ')})`;
}

/** One SELECT giving (program_id, partner_id, period, cents) for a program. */
function programSql(program: RebateProgram): string {
  const { terms } = program;
  const id = `'${program.programId}'`;
  const where = eligibilitySql(program, false);
  const periodExpr = periodSql(program);
  if (terms.kind === 'lumpSum') throw new Error('lump sums are not part of the bench');
  const customerScoped = 'tierScope' in terms && terms.tierScope === 'customer';
  const poolKey = customerScoped ? 'partner_id, end_customer_id' : 'partner_id';
  if (terms.kind === 'volume' && terms.tierEvaluation === 'line') {
    const rated = terms.rateType === 'percentOfRevenue' ? 'r' : 'q';
    const volume = terms.basis === 'revenue' ? 'r' : 'q';
    return `SELECT ${id} AS program_id, partner_id, ${periodExpr} AS period,
      sum(round_he(${rated}::HUGEINT * ${tierCase(terms.tiers, terms.rateType, (from) => `abs(${volume}) >= ${micro(from)}`)}, 1000000000000)) AS cents
      FROM lines WHERE ${where} GROUP BY ALL`;
  }
  if (terms.kind === 'spif') {
    const rates = terms.products
      .map((product) => `WHEN '${product.sku}' THEN ${factor(product.amountPerUnit, 'amountPerUnit')}`)
      .join(' ');
    return `SELECT ${id} AS program_id, partner_id, period, round_he(amount, 1000000000000) AS cents FROM (
      SELECT partner_id, ${periodExpr} AS period, sum(q::HUGEINT * CASE sku ${rates} ELSE 0::HUGEINT END) AS amount
      FROM lines WHERE ${where} GROUP BY ALL)`;
  }
  let amount: string;
  let pools = `SELECT ${poolKey}, ${periodExpr} AS period, sum(q)::HUGEINT AS q, sum(r)::HUGEINT AS r FROM lines WHERE ${where} GROUP BY ALL`;
  if (terms.kind === 'promotion' || terms.kind === 'coop') {
    const rateType = terms.kind === 'coop' ? 'percentOfRevenue' : terms.rateType;
    const rate = terms.kind === 'coop' ? terms.percent : terms.rate;
    amount = `${rateType === 'percentOfRevenue' ? 'r' : 'q'} * ${factor(rate, rateType)}`;
  } else if (terms.kind === 'volume' || terms.kind === 'annualVolume') {
    const volume = terms.basis === 'revenue' ? 'r' : 'q';
    const rated = terms.rateType === 'percentOfRevenue' ? 'r' : 'q';
    if (terms.method === 'retrospective') {
      amount = `${rated} * ${tierCase(terms.tiers, terms.rateType, (from) => `abs(${volume}) >= ${micro(from)}`)}`;
    } else {
      if (volume !== rated)
        throw new Error('the bench SQL covers stepped programs that rate their tier basis');
      amount = steppedSql(terms.tiers, terms.rateType, volume, terms.basis === 'quantity');
    }
  } else {
    // Growth: the same window one year earlier, for the same pool.
    const volume = terms.basis === 'revenue' ? 'r' : 'q';
    const rated = terms.rateType === 'percentOfRevenue' ? 'r' : 'q';
    const baselinePeriod = periodSql(program, `(d + INTERVAL 1 YEAR)`);
    pools = `SELECT c.*, coalesce(b.bq, 0::HUGEINT) AS bq, coalesce(b.br, 0::HUGEINT) AS br FROM (${pools}) c
      LEFT JOIN (SELECT ${poolKey}, ${baselinePeriod} AS period, sum(q)::HUGEINT AS bq, sum(r)::HUGEINT AS br
                 FROM lines WHERE ${eligibilitySql(program, true)} GROUP BY ALL) b USING (${poolKey}, period)`;
    const base = volume === 'r' ? 'br' : 'bq';
    const rate =
      terms.growthMeasure === 'absolute'
        ? tierCase(terms.tiers, terms.rateType, (from) => `${volume} - ${base} >= ${micro(from)}`)
        : `CASE WHEN ${base} <= 0 THEN 0::HUGEINT ELSE ${tierCase(terms.tiers, terms.rateType, (from) => `(${volume} - ${base}) * 100000000 >= ${micro(from)} * ${base}`)} END`;
    amount =
      terms.appliesTo === 'periodVolume'
        ? `${rated} * ${rate}`
        : `CASE WHEN ${volume} > 0 AND ${volume} - greatest(${base}, 0) > 0 THEN (${volume} - greatest(${base}, 0)) * ${rate} ELSE 0::HUGEINT END`;
  }
  return `SELECT ${id} AS program_id, partner_id, period, sum(round_he(${amount}, 1000000000000)) AS cents
    FROM (${pools}) GROUP BY ALL`;
}

function csvOf(lines: readonly SaleLine[]): string {
  const out: string[] = [
    'line_id,partner_id,end_customer_id,bill_to,sku,category,uom,currency,salesperson,d,quantity,amount',
  ];
  for (const line of lines) {
    out.push(
      `${line.lineId},${line.partnerId},${line.endCustomerId},${line.billTo},${line.sku},${line.category},${line.uom},${line.currency},${line.salesperson},${line.invoiceDate},${line.quantityBase},${line.extendedAmount}`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** `round_he(x, dv)`: integer `x` divided by `dv`, rounded half to even, as domain/shared/money rounds. */
export const roundHalfEvenMacro = `CREATE MACRO round_he(x, dv) AS sign(x) * (abs(x) // dv + CASE WHEN (abs(x) % dv) * 2 > dv
  OR ((abs(x) % dv) * 2 = dv AND (abs(x) // dv) % 2 = 1) THEN 1 ELSE 0 END)`;

/** DuckDB's figures: load and compute times per repeat, and the cents per `program|partner|period`. */
export interface DuckDbAccruals {
  readonly loadTimes: readonly number[];
  readonly computeTimes: readonly number[];
  /** CPU milliseconds of the process (DuckDB's threads included) during each compute. */
  readonly computeCpuTimes: readonly number[];
  readonly totals: ReadonlyMap<string, bigint>;
}

/** User and system CPU of a `process.cpuUsage` difference, in milliseconds. */
export function cpuMilliseconds(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

/**
 * Writes the lines to a CSV file (bench/.data/), then per repeat, in a fresh in-memory database, loads them
 * (timed) and computes every program's accruals in one statement (timed).
 */
export async function runDuckDbAccruals(
  lines: readonly SaleLine[],
  programs: readonly RebateProgram[],
  repeats: number,
): Promise<DuckDbAccruals> {
  const dataDirectory = join(import.meta.dirname, '.data');
  mkdirSync(dataDirectory, { recursive: true });
  const csvPath = join(dataDirectory, `accrual-lines-${lines.length}.csv`);
  writeFileSync(csvPath, csvOf(lines));
  const sql = programs.map(programSql).join('\nUNION ALL\n');
  const loadTimes: number[] = [];
  const computeTimes: number[] = [];
  const computeCpuTimes: number[] = [];
  let duckRows: { program_id: string; partner_id: string; period: string; cents: string }[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(roundHalfEvenMacro);
    let started = performance.now();
    await connection.run(`CREATE TABLE lines AS SELECT line_id, partner_id, end_customer_id, bill_to, sku, category, uom,
        currency, salesperson, d, CAST(quantity * 1000000 AS BIGINT) AS q, CAST(amount * 1000000 AS BIGINT) AS r
      FROM read_csv('${csvPath}', header = true, columns = {'line_id': 'VARCHAR', 'partner_id': 'VARCHAR',
        'end_customer_id': 'VARCHAR', 'bill_to': 'VARCHAR', 'sku': 'VARCHAR', 'category': 'VARCHAR', 'uom': 'VARCHAR',
        'currency': 'VARCHAR', 'salesperson': 'VARCHAR', 'd': 'DATE', 'quantity': 'DECIMAL(15,6)', 'amount': 'DECIMAL(15,6)'})`);
    loadTimes.push(performance.now() - started);
    started = performance.now();
    const cpuStarted = process.cpuUsage();
    const reader = await connection.runAndReadAll(
      `SELECT program_id, partner_id, period, CAST(sum(cents) AS VARCHAR) AS cents FROM (${sql}) GROUP BY ALL`,
    );
    duckRows = reader.getRowObjectsJS() as typeof duckRows;
    computeTimes.push(performance.now() - started);
    computeCpuTimes.push(cpuMilliseconds(process.cpuUsage(cpuStarted)));
    connection.closeSync();
    instance.closeSync();
  }
  const totals = new Map<string, bigint>();
  for (const row of duckRows)
    totals.set(`${row.program_id}|${row.partner_id}|${row.period}`, BigInt(row.cents));
  return { loadTimes, computeTimes, computeCpuTimes, totals };
}
