/**
 * Accrual engine benchmark (issue 4): a seeded, deterministic 1,000,000-line data set (40 partners with 25 end
 * customers each, 2,000 SKUs in 20 categories, Q1 2026 plus a Q1 2025 slice as the growth baseline, ~3 %
 * returns) × 30 programs of mixed kinds with 3–5 tiers, computed
 *   (a) by our engine: lines in → accrual table out (parse + columns + rating + fingerprints), and the
 *       compute alone on already prepared columns (the counterpart of DuckDB's compute on a loaded table);
 *   (b) by DuckDB in-process: load the same lines from a generated CSV (bench/.data/), then one SQL statement
 *       that rates every pool exactly (HUGEINT) and rounds each pool half-even to cents.
 * Totals per (program, partner, period) must agree to the cent. Run: `npx tsx bench/accruals.ts [lines]`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';
import { buildAccrualTable } from '../domain/accruals/accrual-table';
import { computeAccrualTable } from '../domain/accruals/compute-accruals';
import { AccrualExplainer } from '../domain/accruals/explain-entry';
import { fingerprintLines } from '../domain/accruals/fingerprint';
import { rateFactor } from '../domain/accruals/rating-plan';
import type { SaleLine } from '../domain/accruals/sale-line';
import { prepareSaleLines } from '../domain/accruals/sale-line-columns';
import { parseScaled } from '../domain/accruals/scaled-integer';
import { type RebateProgram, type RebateProgramInput, rebateProgramSchema } from '../domain/programs/program';
import { seededRandom } from '../test/support/seeded-random';

const period = { start: '2026-01-01', end: '2026-03-31' };
const partnerCount = 40;
const customersPerPartner = 25;
const skuCount = 2_000;
const categoryCount = 20;
const repCount = 300;

const pad = (value: number, width: number) => String(value).padStart(width, '0');
const partnerId = (index: number) => `P${pad(index, 2)}`;
const skuId = (index: number) => `SKU-${pad(index, 5)}`;
const categoryId = (index: number) => `CAT-${pad(index, 2)}`;

function cents(value: bigint): string {
  const sign = value < 0n ? '-' : '';
  const magnitude = value < 0n ? -value : value;
  return `${sign}${magnitude / 100n}.${pad(Number(magnitude % 100n), 2)}`;
}

/** The lines: 88 % dated Q1 2026, 12 % Q1 2025 (growth baselines); string fields shared like a parser's interning. */
export function generateLines(count: number, seed = 20260401): SaleLine[] {
  const random = seededRandom(seed);
  const partners = Array.from({ length: partnerCount }, (_, index) => partnerId(index + 1));
  const customers = partners.map((partner) =>
    Array.from({ length: customersPerPartner }, (_, index) => `C-${partner}-${pad(index + 1, 3)}`),
  );
  const billTos = customers.map((list) => list.map((customer) => `BT-${customer.slice(2)}`));
  const skus = Array.from({ length: skuCount }, (_, index) => skuId(index));
  const categories = Array.from({ length: categoryCount }, (_, index) => categoryId(index));
  const prices = skus.map(() => 199 + Math.floor(random() * 50_000));
  const reps = Array.from({ length: repCount }, (_, index) => `REP-${pad(index, 3)}`);
  const dates: string[] = [];
  for (const year of [2025, 2026]) {
    for (const month of [1, 2, 3]) {
      const days = month === 2 ? 28 : 31;
      for (let day = 1; day <= days; day++) dates.push(`${year}-${pad(month, 2)}-${pad(day, 2)}`);
    }
  }
  const priorDays = 90;
  const lines: SaleLine[] = new Array(count);
  for (let index = 0; index < count; index++) {
    const partner = Math.floor(random() * partnerCount);
    const customer = Math.floor(random() * customersPerPartner);
    const sku = Math.floor(random() * skuCount);
    const prior = random() < 0.12;
    const date = prior
      ? (dates[Math.floor(random() * priorDays)] as string)
      : (dates[priorDays + Math.floor(random() * (dates.length - priorDays))] as string);
    const cases = random() < 0.1;
    let quantity = 1 + Math.floor(random() * 48);
    if (random() < 0.03) quantity = -quantity;
    const amount = BigInt(quantity) * BigInt((prices[sku] as number) * (cases ? 12 : 1));
    lines[index] = {
      lineId: `L${pad(index, 7)}`,
      partnerId: partners[partner] as string,
      invoiceDate: date,
      shipDate: date,
      orderDate: date,
      sku: skus[sku] as string,
      category: categories[sku % categoryCount] as string,
      uom: cases ? 'CS' : 'EA',
      quantityBase: String(quantity),
      extendedAmount: cents(amount),
      currency: 'USD',
      endCustomerId: customers[partner]?.[customer] as string,
      billTo: billTos[partner]?.[customer] as string,
      shipTo: 'ST-1',
      orderType: 'STANDARD',
      salesperson: reps[Math.floor(random() * repCount)] as string,
      warehouse: 'WH-01',
      attributes: {},
    };
  }
  return lines;
}

type Terms = RebateProgramInput['terms'];

/** 30 programs: volume (retrospective, stepped, per line), annual volume, growth, promotion, co-op, SPIF. */
export function generatePrograms(seed = 7): RebateProgram[] {
  const random = seededRandom(seed);
  const pickCategories = (count: number) => {
    const chosen = new Set<string>();
    while (chosen.size < count) chosen.add(categoryId(Math.floor(random() * categoryCount)));
    return [...chosen].sort();
  };
  const pickSkus = (count: number) => {
    const chosen = new Set<string>();
    while (chosen.size < count) chosen.add(skuId(Math.floor(random() * skuCount)));
    return [...chosen].sort();
  };
  /** Ascending thresholds and rates; `scale` is the size of one band, `rate` the first tier's rate. */
  const tiers = (count: number, scale: number, rate: number, step: number) =>
    Array.from({ length: count }, (_, index) => ({
      from: String(index === 0 ? 0 : Math.round(scale * index * (0.8 + random() * 0.4))),
      rate: (rate + step * index).toFixed(3),
    }));
  const specs: { terms: Terms; granularity: 'month' | 'quarter'; categories?: string[]; skus?: string[] }[] =
    [];
  for (let index = 0; index < 8; index++) {
    const revenue = index % 2 === 0;
    specs.push({
      terms: {
        kind: 'volume',
        basis: revenue ? 'revenue' : 'quantity',
        method: 'retrospective',
        rateType: revenue || index % 4 === 1 ? 'percentOfRevenue' : 'amountPerUnit',
        tierScope: index % 3 === 0 ? 'customer' : 'partner',
        tiers: tiers(3 + (index % 3), revenue ? 400_000 : 4_000, 0.5, 0.75),
      },
      granularity: index % 2 === 0 ? 'month' : 'quarter',
      categories: pickCategories(3 + (index % 5)),
    });
  }
  for (let index = 0; index < 6; index++) {
    const revenue = index % 2 === 0;
    specs.push({
      terms: {
        kind: 'volume',
        basis: revenue ? 'revenue' : 'quantity',
        method: 'stepped',
        rateType: revenue ? 'percentOfRevenue' : 'amountPerUnit',
        tierScope: index % 3 === 2 ? 'customer' : 'partner',
        tiers: tiers(3 + (index % 3), revenue ? 500_000 : 5_000, revenue ? 1 : 0.1, revenue ? 0.5 : 0.05),
      },
      granularity: index % 2 === 0 ? 'quarter' : 'month',
      categories: pickCategories(4 + (index % 4)),
    });
  }
  specs.push({
    terms: {
      kind: 'volume',
      basis: 'quantity',
      method: 'retrospective',
      rateType: 'percentOfRevenue',
      tierEvaluation: 'line',
      tiers: [
        { from: '12', rate: '0.5' },
        { from: '24', rate: '1' },
        { from: '36', rate: '1.5' },
      ],
    },
    granularity: 'month',
    categories: pickCategories(6),
  });
  for (const method of ['retrospective', 'stepped'] as const) {
    specs.push({
      terms: {
        kind: 'annualVolume',
        basis: 'revenue',
        method,
        rateType: 'percentOfRevenue',
        tiers: tiers(5, 1_500_000, 0.25, 0.25),
      },
      granularity: 'quarter',
      categories: pickCategories(5),
    });
  }
  specs.push(
    {
      terms: {
        kind: 'growth',
        basis: 'revenue',
        growthMeasure: 'absolute',
        appliesTo: 'periodVolume',
        rateType: 'percentOfRevenue',
        tiers: [
          { from: '0', rate: '0.5' },
          { from: '1000000', rate: '1' },
          { from: '2500000', rate: '1.5' },
        ],
      },
      granularity: 'quarter',
    },
    {
      terms: {
        kind: 'growth',
        basis: 'revenue',
        growthMeasure: 'percent',
        appliesTo: 'incrementalVolume',
        rateType: 'percentOfRevenue',
        tiers: [
          { from: '0', rate: '2' },
          { from: '400', rate: '3' },
          { from: '650', rate: '4.5' },
          { from: '800', rate: '6' },
        ],
      },
      granularity: 'month',
      categories: pickCategories(8),
    },
    {
      terms: {
        kind: 'growth',
        basis: 'quantity',
        growthMeasure: 'percent',
        appliesTo: 'periodVolume',
        rateType: 'amountPerUnit',
        tierScope: 'customer',
        tiers: [
          { from: '100', rate: '0.05' },
          { from: '500', rate: '0.1' },
          { from: '700', rate: '0.2' },
        ],
      },
      granularity: 'quarter',
    },
  );
  for (let index = 0; index < 4; index++) {
    const start = `2026-0${1 + (index % 3)}-0${1 + index}`;
    const end = `2026-0${1 + (index % 3)}-${10 + index * 4}`;
    specs.push({
      terms:
        index % 2 === 0
          ? { kind: 'promotion', rateType: 'percentOfRevenue', rate: '4.5', window: { start, end } }
          : { kind: 'promotion', rateType: 'amountPerUnit', rate: '1.25', window: { start, end } },
      granularity: 'month',
      skus: pickSkus(60),
    });
  }
  for (let index = 0; index < 3; index++) {
    specs.push({
      terms: { kind: 'coop', percent: ['1.5', '2', '3.25'][index] as string },
      granularity: index === 0 ? 'quarter' : 'month',
      categories: pickCategories(6 + index * 3),
    });
  }
  for (let index = 0; index < 3; index++) {
    specs.push({
      terms: {
        kind: 'spif',
        products: pickSkus(40).map((sku, at) => ({ sku, amountPerUnit: (0.5 + (at % 7) * 0.25).toFixed(2) })),
      },
      granularity: 'month',
    });
  }
  return specs.map((spec, index) =>
    rebateProgramSchema.parse({
      programId: `PRG-${pad(index + 1, 2)}`,
      version: 1,
      name: `Bench program ${index + 1} (${spec.terms.kind})`,
      status: 'active',
      currency: 'USD',
      periodGranularity: spec.granularity,
      eligibility: {
        startDate: '2026-01-01',
        ...(spec.categories === undefined
          ? {}
          : { products: { scope: 'categories', categories: spec.categories } }),
        ...(spec.skus === undefined ? {} : { products: { scope: 'items', skus: spec.skus } }),
      },
      terms: spec.terms,
    }),
  );
}

// ---------------------------------------------------------------------------------------------------------
// The same accruals in SQL. Volumes are BIGINT micro-units, rate factors integers of 1e-8, amounts HUGEINT
// of 1e-14; each pool is rounded half-even to cents once, as the engine does.
// ---------------------------------------------------------------------------------------------------------

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

function steppedSql(
  tiers: readonly { from: string; rate: string }[],
  rateType: 'percentOfRevenue' | 'amountPerUnit',
  volume: string,
): string {
  const bands = tiers.map((tier, index) => {
    const next = tiers[index + 1];
    const top = next === undefined ? `abs(${volume})` : `least(abs(${volume}), ${micro(next.from)})`;
    return `greatest(0::HUGEINT, ${top} - ${micro(tier.from)}) * ${factor(tier.rate, rateType)}`;
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
      amount = steppedSql(terms.tiers, terms.rateType, volume);
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

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const seconds = (ms: number) => Number((ms / 1000).toFixed(3));

/** Runs the benchmark and returns its figures (also printed as a table). */
export async function runAccrualBench(
  lineCount = 1_000_000,
  repeats = 3,
): Promise<Record<string, number | string | boolean>> {
  const lines = generateLines(lineCount);
  const programs = generatePrograms();

  // Our engine, lines in → table out (everything the run does, no storage), and its parts.
  const endToEnd: number[] = [];
  const prepareTimes: number[] = [];
  const computeTimes: number[] = [];
  const fingerprintTimes: number[] = [];
  let run = computeAccrualTable({ lines, programs, period });
  for (let repeat = 0; repeat < repeats; repeat++) {
    let started = performance.now();
    run = computeAccrualTable({ lines, programs, period });
    endToEnd.push(performance.now() - started);
    started = performance.now();
    const columns = prepareSaleLines(lines);
    prepareTimes.push(performance.now() - started);
    started = performance.now();
    buildAccrualTable(columns, programs, period);
    computeTimes.push(performance.now() - started);
    started = performance.now();
    fingerprintLines(lines);
    fingerprintTimes.push(performance.now() - started);
  }
  const table = run.table;
  const ours = new Map<string, bigint>();
  for (let entry = 0; entry < table.entryCount; entry++) {
    const context = table.programs[table.entryProgram[entry] as number];
    const tuple = table.entryTuple[entry] as number;
    const starts = context?.perSalesperson ? table.columns.sellerTupleStart : table.columns.tupleStart;
    const line = table.columns.lines[starts[tuple] as number] as SaleLine;
    const key = `${context?.program.programId}|${line.partnerId}|${context?.windows[table.entryWindow[entry] as number]?.period.label}`;
    ours.set(key, (ours.get(key) ?? 0n) + BigInt(table.entryAmount[entry] as number));
  }
  // Explaining is on demand: time the full trace of a sample of entries.
  const explainer = new AccrualExplainer(table);
  const sample = Math.min(200, table.entryCount);
  const explainStarted = performance.now();
  for (let at = 0; at < sample; at++) explainer.entry(Math.floor((at * table.entryCount) / sample));
  const explainMs = performance.now() - explainStarted;

  // DuckDB: load from CSV, compute in one statement.
  const dataDirectory = join(import.meta.dirname, '.data');
  mkdirSync(dataDirectory, { recursive: true });
  const csvPath = join(dataDirectory, `accrual-lines-${lineCount}.csv`);
  writeFileSync(csvPath, csvOf(lines));
  const sql = programs.map(programSql).join('\nUNION ALL\n');
  const loadTimes: number[] = [];
  const duckTimes: number[] = [];
  let duckRows: { program_id: string; partner_id: string; period: string; cents: string }[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(
      `CREATE MACRO round_he(x, dv) AS sign(x) * (abs(x) // dv + CASE WHEN (abs(x) % dv) * 2 > dv
         OR ((abs(x) % dv) * 2 = dv AND (abs(x) // dv) % 2 = 1) THEN 1 ELSE 0 END)`,
    );
    let started = performance.now();
    await connection.run(`CREATE TABLE lines AS SELECT line_id, partner_id, end_customer_id, bill_to, sku, category, uom,
        currency, salesperson, d, CAST(quantity * 1000000 AS BIGINT) AS q, CAST(amount * 1000000 AS BIGINT) AS r
      FROM read_csv('${csvPath}', header = true, columns = {'line_id': 'VARCHAR', 'partner_id': 'VARCHAR',
        'end_customer_id': 'VARCHAR', 'bill_to': 'VARCHAR', 'sku': 'VARCHAR', 'category': 'VARCHAR', 'uom': 'VARCHAR',
        'currency': 'VARCHAR', 'salesperson': 'VARCHAR', 'd': 'DATE', 'quantity': 'DECIMAL(15,6)', 'amount': 'DECIMAL(15,6)'})`);
    loadTimes.push(performance.now() - started);
    started = performance.now();
    const reader = await connection.runAndReadAll(
      `SELECT program_id, partner_id, period, CAST(sum(cents) AS VARCHAR) AS cents FROM (${sql}) GROUP BY ALL`,
    );
    duckRows = reader.getRowObjectsJS() as typeof duckRows;
    duckTimes.push(performance.now() - started);
    connection.closeSync();
    instance.closeSync();
  }
  const theirs = new Map<string, bigint>();
  for (const row of duckRows)
    theirs.set(`${row.program_id}|${row.partner_id}|${row.period}`, BigInt(row.cents));
  let mismatches = 0;
  let ourTotal = 0n;
  let theirTotal = 0n;
  for (const key of new Set([...ours.keys(), ...theirs.keys()])) {
    const a = ours.get(key) ?? 0n;
    const b = theirs.get(key) ?? 0n;
    ourTotal += a;
    theirTotal += b;
    if (a !== b) {
      if (mismatches < 5) console.error(`mismatch ${key}: engine ${cents(a)} duckdb ${cents(b)}`);
      mismatches++;
    }
  }
  const ourCompute = median(computeTimes);
  const ourEndToEnd = median(endToEnd);
  const duckLoad = median(loadTimes);
  const duckCompute = median(duckTimes);
  const result = {
    lines: lineCount,
    programs: programs.length,
    entries: table.entryCount,
    pools: table.poolCount,
    bigIntPools: table.bigIntPools,
    comparedTotals: Math.max(ours.size, theirs.size),
    engineEndToEndSeconds: seconds(ourEndToEnd),
    enginePrepareSeconds: seconds(median(prepareTimes)),
    engineComputeSeconds: seconds(ourCompute),
    engineFingerprintSeconds: seconds(median(fingerprintTimes)),
    explainMillisecondsPerEntry: Number((explainMs / Math.max(sample, 1)).toFixed(3)),
    duckdbLoadSeconds: seconds(duckLoad),
    duckdbComputeSeconds: seconds(duckCompute),
    computeRatio: Number((ourCompute / duckCompute).toFixed(3)),
    endToEndRatio: Number((ourEndToEnd / (duckLoad + duckCompute)).toFixed(3)),
    computeGoalMet: ourCompute <= 0.5 * duckCompute,
    endToEndGoalMet: ourEndToEnd <= duckLoad + duckCompute,
    grandTotal: cents(ourTotal),
    duckdbGrandTotal: cents(theirTotal),
    mismatches,
    agreeToTheCent: mismatches === 0,
    sqlCoverage:
      'all 30 programs (volume retrospective/stepped/per-line, annual volume, growth, promotion, co-op, SPIF)',
  };
  return result;
}

/** What the figures mean, printed with them. */
export const accrualBenchNote =
  "medians of 3 runs; engine compute = rating on prepared columns (DuckDB's counterpart: the SQL on the loaded table); " +
  'end to end = SaleLine objects in → accrual table out, incl. parsing, sorting and the line-set fingerprint.';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const lineCount = Number(process.argv[2] ?? 1_000_000);
  runAccrualBench(lineCount).then(
    (result) => {
      console.table(result);
      console.log(accrualBenchNote);
      if (result.agreeToTheCent !== true) process.exitCode = 1;
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
