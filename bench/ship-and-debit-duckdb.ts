/**
 * The ship & debit benchmark's DuckDB side: the same claim-line validation as one SQL statement over the
 * authorizations, price list, POS lines and earlier claims loaded from CSV files. Prices are BIGINT
 * micro-units, exact amounts HUGEINT of 1e-12, each line's amount rounded half-even to cents once, the
 * rules tried in the order validateDebitClaimLines tries them, the first failing one deciding the reason.
 *
 * One difference, stated: a repeated invoice line is a duplicate here when an earlier line of the file
 * passed every other check; the engine also needs that earlier line to have had quantity left. The bench
 * repeats only lines of authorization lines that cannot run out, where the two agree.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { cpuMilliseconds, roundHalfEvenMacro } from './accruals-duckdb';
import {
  claimWindowDays,
  partnerId,
  posToleranceBasisPoints,
  receivedOn,
  type ShipAndDebitData,
} from './ship-and-debit-data';

/** One claim line's outcome as both sides report it: reason (none when approved), quantity and cents. */
export interface LineOutcome {
  readonly reason: string | null;
  readonly approvedQuantity: number;
  readonly approvedCents: bigint;
}

const csv = (header: string, rows: Iterable<readonly (string | number | undefined)[]>) => {
  const out = [header];
  for (const row of rows) out.push(row.map((value) => value ?? '').join(','));
  return `${out.join('\n')}\n`;
};

function writeCsvFiles(data: ShipAndDebitData, directory: string) {
  mkdirSync(directory, { recursive: true });
  const files = {
    auths: csv(
      'auth_no,partner_id,currency,status,valid_from,valid_to,issued_on,customer',
      data.authorizations.map((a) => [
        a.authorizationNumber,
        a.partnerId,
        a.currency,
        a.status,
        a.validFrom,
        a.validTo,
        a.issuedOn,
        a.coverage.kind === 'endCustomer' ? a.coverage.endCustomerId : '',
      ]),
    ),
    auth_lines: csv(
      'auth_no,sku,method,figure,remaining,ceiling',
      data.authorizations.flatMap((a) =>
        a.lines.map((line) => {
          const { pricing } = line;
          const figure =
            pricing.method === 'downTo'
              ? pricing.authorizedCost
              : pricing.method === 'downBy'
                ? pricing.amountPerUnit
                : pricing.method === 'downByPercent'
                  ? pricing.percent
                  : pricing.amount;
          return [
            a.authorizationNumber,
            line.productSku,
            pricing.method,
            figure,
            line.remainingQuantity,
            line.resaleCeiling,
          ];
        }),
      ),
    ),
    prices: csv('sku,book', data.prices.entries()),
    pos: csv(
      'invoice,inv_line,customer,sku,ship_date,quantity',
      data.sales.map((s) => [
        s.invoiceNumber,
        s.invoiceLine,
        s.endCustomerId,
        s.productSku,
        s.shipDate,
        s.quantity,
      ]),
    ),
    claims: csv(
      'line_no,auth_no,invoice,inv_line,ship_date,customer,sku,quantity,book,auth_cost,resale,amount',
      data.claimLines.map((l) => [
        l.lineNumber,
        l.authorizationNumber,
        l.invoiceNumber,
        l.invoiceLine,
        l.shipDate,
        l.endCustomerId,
        l.productSku,
        l.quantity,
        l.bookCost,
        l.authorizedCost,
        l.resalePrice,
        l.amount,
      ]),
    ),
    claimed: csv(
      'invoice,inv_line',
      [...data.claimedInvoiceLines].map((key) => {
        const [invoice, , line] = key.split('\u0000');
        return [invoice, line];
      }),
    ),
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(directory, `${name}.csv`), text);
}

const micro = (column: string) => `CAST(CAST(${column} AS DECIMAL(18,6)) * 1000000 AS BIGINT)`;

/** Loads the CSV files into typed tables, prices as micro-units. */
const loadSql = (directory: string) => {
  const read = (name: string) =>
    `read_csv('${join(directory, `${name}.csv`)}', header = true, all_varchar = true)`;
  return `
  CREATE TABLE auths AS SELECT auth_no, partner_id, currency, status, CAST(valid_from AS DATE) AS valid_from,
    CAST(valid_to AS DATE) AS valid_to, CAST(issued_on AS DATE) AS issued_on, customer FROM ${read('auths')};
  CREATE TABLE auth_lines AS SELECT auth_no, sku, method,
    CASE method WHEN 'downByPercent' THEN CAST(CAST(figure AS DECIMAL(18,4)) * 10000 AS BIGINT) ELSE ${micro('figure')} END AS figure,
    CAST(remaining AS BIGINT) AS remaining, ${micro('ceiling')} AS ceiling FROM ${read('auth_lines')};
  CREATE TABLE prices AS SELECT sku, ${micro('book')} AS book FROM ${read('prices')};
  CREATE TABLE pos AS SELECT invoice, inv_line, customer, sku, CAST(ship_date AS DATE) AS ship_date,
    CAST(quantity AS BIGINT) AS quantity FROM ${read('pos')};
  CREATE TABLE claims AS SELECT CAST(line_no AS INTEGER) AS line_no, auth_no, invoice, inv_line,
    CAST(ship_date AS DATE) AS ship_date, customer, sku, CAST(quantity AS BIGINT) AS q, ${micro('book')} AS book,
    ${micro('auth_cost')} AS auth_cost, ${micro('resale')} AS resale, ${micro('amount')} AS amount FROM ${read('claims')};
  CREATE TABLE claimed AS SELECT invoice, inv_line FROM ${read('claimed')};`;
};

/** Credit per unit (1e-12) of the line's pricing on its book cost, clamped to [0, book]. */
const unitCredit = `CASE method
    WHEN 'downTo' THEN least(book::HUGEINT * 1000000, greatest((book - figure)::HUGEINT * 1000000, 0))
    WHEN 'downBy' THEN least(book::HUGEINT * 1000000, greatest(figure::HUGEINT * 1000000, 0))
    WHEN 'downByPercent' THEN least(book::HUGEINT * 1000000, greatest(book, 0)::HUGEINT * greatest(figure, 0))
    ELSE 0::HUGEINT END`;
/** The line amount in cents for `units` units: exact at 1e-12, rounded half-even once. */
const cents = (units: string) => `round_he(CASE method WHEN 'fixedPerClaim'
    THEN least(figure::HUGEINT, greatest(book, 0)::HUGEINT * ${units}) * 1000000
    ELSE unit_credit * ${units} END, 10000000000::HUGEINT)`;
const within = (sold: string) =>
  `(${sold} IS NOT NULL AND ${sold} <> 0 AND abs(${sold} - q) * 10000 <= q * ${posToleranceBasisPoints})`;

const validationSql = `
WITH pos_line AS (SELECT invoice, inv_line, sum(quantity) AS sold FROM pos GROUP BY ALL),
pos_resale AS (SELECT customer, sku, ship_date, sum(quantity) AS sold FROM pos GROUP BY ALL),
joined AS (
  SELECT c.*, a.status, a.partner_id AS auth_partner, a.currency AS auth_currency, a.valid_from, a.valid_to,
    a.issued_on, a.customer AS auth_customer, l.method, l.figure, l.remaining, l.ceiling, l.sku IS NOT NULL AS on_auth,
    p.book AS list_book, k.invoice IS NOT NULL AS claimed_before, pl.sold AS sold_line, ps.sold AS sold_resale
  FROM claims c
  LEFT JOIN auths a ON a.auth_no = c.auth_no
  LEFT JOIN auth_lines l ON l.auth_no = c.auth_no AND l.sku = c.sku
  LEFT JOIN prices p ON p.sku = c.sku
  LEFT JOIN claimed k ON k.invoice = c.invoice AND k.inv_line = c.inv_line
  LEFT JOIN pos_line pl ON pl.invoice = c.invoice AND pl.inv_line = c.inv_line
  LEFT JOIN pos_resale ps ON ps.customer = c.customer AND ps.sku = c.sku AND ps.ship_date = c.ship_date
),
priced AS (SELECT *, ${unitCredit} AS unit_credit FROM joined),
ruled AS (
  SELECT *,
    CASE
      WHEN status IS NULL OR auth_partner <> '${partnerId}' OR auth_currency <> 'USD' OR status = 'requested'
        THEN 'authorizationInvalid'
      WHEN status = 'cancelled' THEN 'authorizationCancelled'
      WHEN ship_date > DATE '${receivedOn}' THEN 'shipDateInFuture'
      WHEN ship_date < valid_from OR ship_date < issued_on THEN 'shipDateBeforeAuthorization'
      WHEN ship_date > valid_to THEN 'authorizationExpired'
      WHEN date_diff('day', ship_date, DATE '${receivedOn}') > ${claimWindowDays} THEN 'pastExercisePeriod'
      WHEN NOT on_auth THEN 'productNotAuthorized'
      WHEN customer <> auth_customer THEN 'invalidCustomer'
      WHEN claimed_before THEN 'duplicateInvoice'
    END AS reason_before,
    CASE
      WHEN ceiling IS NOT NULL AND resale IS NOT NULL AND resale > ceiling THEN 'resaleAboveCeiling'
      WHEN list_book IS NULL OR list_book <> book THEN 'bookCostIncorrect'
      WHEN method <> 'fixedPerClaim'
        AND auth_cost <> round_he(book::HUGEINT * 1000000 - unit_credit, 1000000::HUGEINT) THEN 'authorizedCostIncorrect'
      WHEN amount <> ${cents('q')} * 10000 THEN 'amountIncorrect'
      WHEN NOT (${within('sold_line')} OR ${within('sold_resale')}) THEN 'noMatchingSale'
    END AS reason_after
  FROM priced
),
repeats AS (
  SELECT *, coalesce(sum(CASE WHEN reason_before IS NULL AND reason_after IS NULL THEN 1 ELSE 0 END) OVER (
      PARTITION BY invoice, inv_line ORDER BY line_no ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) > 0 AS repeated
  FROM ruled
),
drawn AS (
  SELECT *, reason_before IS NULL AND NOT repeated AND reason_after IS NULL AS draws,
    remaining - coalesce(sum(CASE WHEN reason_before IS NULL AND NOT repeated AND reason_after IS NULL THEN q ELSE 0 END)
      OVER (PARTITION BY auth_no, sku ORDER BY line_no ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS remaining_left
  FROM repeats
)
SELECT line_no,
  coalesce(reason_before, CASE WHEN repeated THEN 'duplicateInvoice' END, reason_after,
    CASE WHEN remaining_left <= 0 THEN 'zeroBalance' WHEN remaining_left < q THEN 'quantityExceeded' END) AS reason,
  CASE WHEN NOT draws OR remaining_left <= 0 THEN 0 ELSE least(remaining_left, q) END AS approved_quantity,
  CAST(CASE WHEN NOT draws OR remaining_left <= 0 THEN 0 ELSE ${cents('least(remaining_left, q)')} END AS VARCHAR) AS approved_cents
FROM drawn ORDER BY line_no`;

export interface DuckDbValidation {
  readonly loadTimes: readonly number[];
  readonly validateTimes: readonly number[];
  /** CPU milliseconds of the process (DuckDB's threads included) during each validation. */
  readonly validateCpuTimes: readonly number[];
  readonly outcomes: ReadonlyMap<number, LineOutcome>;
}

/** Per repeat, in a fresh in-memory database: load the CSV files (timed), validate in one statement (timed). */
export async function runDuckDbValidation(
  data: ShipAndDebitData,
  repeats: number,
): Promise<DuckDbValidation> {
  const directory = join(import.meta.dirname, '.data', 'ship-and-debit');
  writeCsvFiles(data, directory);
  const loadTimes: number[] = [];
  const validateTimes: number[] = [];
  const validateCpuTimes: number[] = [];
  let rows: {
    line_no: number;
    reason: string | null;
    approved_quantity: number | bigint;
    approved_cents: string;
  }[] = [];
  for (let repeat = 0; repeat < repeats; repeat++) {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(roundHalfEvenMacro);
    let started = performance.now();
    await connection.run(loadSql(directory));
    loadTimes.push(performance.now() - started);
    started = performance.now();
    const cpuStarted = process.cpuUsage();
    rows = (await connection.runAndReadAll(validationSql)).getRowObjectsJS() as typeof rows;
    validateTimes.push(performance.now() - started);
    validateCpuTimes.push(cpuMilliseconds(process.cpuUsage(cpuStarted)));
    connection.closeSync();
    instance.closeSync();
  }
  const outcomes = new Map<number, LineOutcome>();
  for (const row of rows) {
    outcomes.set(Number(row.line_no), {
      reason: row.reason,
      approvedQuantity: Number(row.approved_quantity),
      approvedCents: BigInt(row.approved_cents),
    });
  }
  return { loadTimes, validateTimes, validateCpuTimes, outcomes };
}
