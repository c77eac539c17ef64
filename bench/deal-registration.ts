/**
 * Conflict check of one deal registration against many existing ones on DynamoDB Local: the check the
 * submit route runs (customer entries queried per normalized key, consistent; the registrations they name
 * read by BatchGet; the rules applied), timed per check. Each size has its own table holding the same 200
 * probe customers (4 holders each, mixed states) plus that many background registrations, and the checks
 * alternate between the tables, so the shared machine's load weighs on every size alike. The index design
 * makes the cost follow how many registrations name the customer, not how many exist: p50/p99 should not
 * grow with the size.
 *
 * Sizes: BENCH_DEAL_SIZES (default "10000,100000"; add 1000000 for the full million, about half an hour of
 * loading on the shared machine). Tables are loaded with the adapter's own items (registration + one entry per
 * customer key) by parallel BatchWrite; the content items that catch duplicate posts are left out, as the
 * check never reads them. With BENCH_DATA_DIR the tables are kept under it (`deal-registration/`), and a size
 * whose load finished there is not loaded again: only the checks run (load once on a busy machine, measure on
 * a quiet one).
 */
import { loadavg } from 'node:os';
import { customerMatchKeys } from '../domain/deal-registration/customer-identity';
import {
  addDays,
  findConflict,
  matchKeyValues,
  undecidedClashes,
} from '../domain/deal-registration/deal-conflicts';
import type { DealRegistration, DealRegistrationStatus } from '../domain/deal-registration/deal-registration';
import { putAll } from '../functions/adapters/dynamo-batch';
import {
  DynamoDealRegistrationStore,
  dealCustomerEntries,
  dealRegistrationItem,
} from '../functions/adapters/dynamo-deal-registration-store';
import { createTableFromTemplate } from '../infra/local/dynamodb-local';
import { benchDynamoDb } from './bench-dynamodb';
import { benchDataDirectory, loadOnce, tableMarker, warnOfSyncedLoad } from './load-once';
import { persistently } from './persistently';

/** A load step, retried (each is a create-if-absent or a put of the same items). */
const retried = <T>(step: () => Promise<T>) => persistently('deal-registration', step);

const sizes = (process.env.BENCH_DEAL_SIZES ?? '10000,100000').split(',').map(Number);
if (!sizes.every((size) => Number.isInteger(size) && size > 0))
  throw new Error('BENCH_DEAL_SIZES: whole numbers');
/** Customers the probes hit, each registered by `holdersPerCustomer` partners in mixed states. */
const probeCustomers = 200;
const holdersPerCustomer = 4;
const checksPerSize = 1_000;
const today = new Date().toISOString().slice(0, 10);
const skus = ['WIDGET-1', 'WIDGET-2', 'GADGET-1', 'GADGET-2', 'SENSOR-9'];
const holderStates: DealRegistrationStatus[] = ['approved', 'expired', 'rejected', 'submitted'];

function registrationOf(
  index: number,
  customer: DealRegistration['customer'],
  partner: string,
  status: DealRegistrationStatus,
): DealRegistration {
  return {
    registrationId: `DR-B${String(index).padStart(9, '0')}`,
    partnerId: partner,
    programId: 'DEALS-2026',
    customer,
    products: [{ sku: skus[index % skus.length] ?? 'WIDGET-1', quantity: 1 + (index % 50) }],
    estimatedValue: { amount: '50000.00', currency: 'USD' },
    closeDate: addDays(today, 60),
    description: 'bench',
    status,
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: { userId: 'bench', role: 'partner' },
    ...(status === 'draft'
      ? {}
      : { submittedAt: '2026-01-01T00:00:00.000Z', checkedAt: '2026-01-01T00:00:00.000Z' }),
    ...(status === 'approved' || status === 'expired'
      ? {
          approvedAt: '2026-01-01T00:00:00.000Z',
          protectedUntil: addDays(today, status === 'approved' ? 30 : -30),
        }
      : {}),
    history: [],
    version: 1,
  };
}

/** Background registration `index`: its own customer, one of 500 partners, mostly decided long ago. */
const background = (index: number) =>
  registrationOf(
    index,
    {
      name: `Customer ${index} Inc.`,
      country: 'US',
      taxId: `TX${index}`,
      webDomain: `customer${index}.example`,
    },
    `P${index % 500}`,
    (['approved', 'expired', 'lost', 'won', 'rejected'] as const)[index % 5] ?? 'won',
  );

const probeCustomer = (probe: number) => ({
  name: `Probe Customer ${probe} GmbH`,
  country: 'DE',
  taxId: `DE${probe}`,
});

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** The probe customers' holders: one registration per state, each by another partner. */
function probeHolders(): DealRegistration[] {
  const holders: DealRegistration[] = [];
  for (let probe = 0; probe < probeCustomers; probe++) {
    for (let holder = 0; holder < holdersPerCustomer; holder++) {
      holders.push(
        registrationOf(
          2_000_000_000 + probe * holdersPerCustomer + holder,
          probeCustomer(probe),
          `PH${holder}`,
          holderStates[holder] ?? 'approved',
        ),
      );
    }
  }
  return holders;
}

/** Check `check`'s candidate: even checks hit a probe customer, odd ones a customer nobody registered. */
const candidateOf = (check: number) =>
  registrationOf(
    3_000_000_000 + check,
    check % 2 === 0
      ? probeCustomer(check % probeCustomers)
      : { name: `Fresh ${check} Ltd`, country: 'GB', webDomain: `fresh${check}.example` },
    'PNEW',
    'draft',
  );

/** Whether check `check` must find a conflict: an approved or submitted holder shares its SKU. */
function expectsConflict(check: number, holders: readonly DealRegistration[]): boolean {
  if (check % 2 !== 0) return false;
  const probe = check % probeCustomers;
  const sku = candidateOf(check).products[0]?.sku;
  return holders
    .slice(probe * holdersPerCustomer, (probe + 1) * holdersPerCustomer)
    .some((each) => ['approved', 'submitted'].includes(each.status) && each.products[0]?.sku === sku);
}

/** The adapter's items of each registration: the registration and one customer entry per match key. */
const itemsOf = (registrations: readonly DealRegistration[]) =>
  registrations.flatMap((each) => [dealRegistrationItem(each), ...dealCustomerEntries(each)]);

/**
 * Background registrations per load step, and steps in flight (each a `putAll` of 8 BatchWrites at once):
 * DynamoDB Local spends ≈ 1.0–1.3 ms of CPU per registration (its 4 items, 3 GSIs) whatever the flow, and
 * one step at a time left its threads idle between round trips (≈ 350/s); 4 steps keep them busy (the
 * million at 539/s, load average 23–32), more gained nothing measurable, and a JVM with a larger, preset heap
 * or another collector did not change its CPU. Small steps keep a retry (a connection dropped under load) cheap.
 */
const registrationsPerStep = 1_000;
const stepsInFlight = 4;

interface LoadFigures {
  registrationsPerSecond: number;
  itemsPerSecond: number;
  minutes: number;
  /** One-minute load average at the start and the end of the load. */
  machineLoad: string;
}

/**
 * Loads `size` background registrations through `put`, a step at a time with `stepsInFlight` at once (a
 * million at once would not fit in memory as items), logging progress every 100,000.
 */
async function loadBackground(
  size: number,
  put: (items: Record<string, unknown>[]) => Promise<void>,
): Promise<LoadFigures> {
  const started = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  let items = 0;
  let loaded = 0;
  const inFlight = new Set<Promise<void>>();
  for (let start = 0; start < size; start += registrationsPerStep) {
    const count = Math.min(registrationsPerStep, size - start);
    const step = itemsOf(Array.from({ length: count }, (_, offset) => background(start + offset)));
    const stored = put(step).then(() => {
      inFlight.delete(stored);
      items += step.length;
      loaded += count;
      if (loaded % 100_000 === 0 && loaded < size) {
        const seconds = (performance.now() - started) / 1000;
        console.error(
          `deal-registration: ${loaded} of ${size} loaded in ${seconds.toFixed(0)} s (${Math.round(loaded / seconds)}/s, load ${loadavg()[0]?.toFixed(1)})`,
        );
      }
    });
    inFlight.add(stored);
    if (inFlight.size >= stepsInFlight) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - started) / 1000;
  const figures = {
    registrationsPerSecond: Math.round(size / seconds),
    itemsPerSecond: Math.round(items / seconds),
    minutes: Number((seconds / 60).toFixed(1)),
    machineLoad: `${loadBefore.toFixed(1)}→${(loadavg()[0] ?? 0).toFixed(1)}`,
  };
  console.error(`deal-registration: ${size} registrations loaded`, figures);
  return figures;
}

/**
 * One table per size, loaded with the same probe holders plus `size` background registrations; then the
 * checks alternate between the tables, so that what the shared machine does meanwhile weighs on every size
 * alike and the sizes compare fairly.
 */
export async function runDealRegistrationBench() {
  const kept = benchDataDirectory('deal-registration');
  const { dynamoDb, definition, client } = await benchDynamoDb(kept);
  try {
    const holders = probeHolders();
    const tables: { size: number; store: DynamoDealRegistrationStore; load: LoadFigures }[] = [];
    for (const size of sizes) {
      const table = `bench-deals-${size}`;
      await retried(() => createTableFromTemplate(dynamoDb.client, table, definition));
      const { figures: load, loadedNow } = await loadOnce(
        tableMarker<LoadFigures>(client, table),
        size,
        async () => {
          warnOfSyncedLoad('deal-registration', kept);
          await retried(() => putAll(client, table, itemsOf(holders)));
          return loadBackground(size, (items) => retried(() => putAll(client, table, items)));
        },
      );
      if (!loadedNow) console.error(`deal-registration: ${size} registrations already loaded in ${table}`);
      tables.push({ size, store: new DynamoDealRegistrationStore(client, table), load });
    }

    const timings = tables.map(() => [] as number[]);
    const found = tables.map(() => 0);
    let expected = 0;
    const loadBefore = loadavg()[0] ?? 0;
    for (let check = 0; check < checksPerSize; check++) {
      const candidate = candidateOf(check);
      if (expectsConflict(check, holders)) expected++;
      for (const [index, { store }] of tables.entries()) {
        const started = performance.now();
        const holdersFound = await store.holdersOf(matchKeyValues(customerMatchKeys(candidate.customer)), {
          partnerId: candidate.partnerId,
          skus: candidate.products.map((product) => product.sku),
        });
        // As the submit route: racing submissions still checking would be waited for (none here).
        if (undecidedClashes(candidate, holdersFound, today).length > 0)
          throw new Error('nothing races here');
        const conflict = findConflict(candidate, holdersFound, today);
        timings[index]?.push(performance.now() - started);
        if (conflict !== undefined) found[index] = (found[index] ?? 0) + 1;
      }
    }
    const loadAfter = loadavg()[0] ?? 0;
    client.destroy();
    return Object.fromEntries(
      tables.map(({ size, load }, index) => {
        const sorted = [...(timings[index] ?? [])].sort((a, b) => a - b);
        return [
          `${size.toLocaleString('en-US')} registrations`,
          {
            loadedPerSecond: load.registrationsPerSecond,
            itemsPerSecond: load.itemsPerSecond,
            loadMinutes: load.minutes,
            machineLoadWhileLoading: load.machineLoad,
            checks: sorted.length,
            p50ms: Number(percentile(sorted, 50).toFixed(2)),
            p99ms: Number(percentile(sorted, 99).toFixed(2)),
            maxMs: Number((sorted.at(-1) ?? 0).toFixed(2)),
            conflictsFound: found[index],
            conflictsExact: found[index] === expected,
            machineLoadWhileChecking: `${loadBefore.toFixed(1)}→${loadAfter.toFixed(1)}`,
          },
        ];
      }),
    );
  } finally {
    await dynamoDb.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await runDealRegistrationBench());
}
