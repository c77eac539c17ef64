/**
 * Conflict check of one deal registration against many existing ones on DynamoDB Local: the check the
 * submit route runs (customer entries queried per normalized key, consistent; the registrations they name
 * read by BatchGet; the rules applied), timed per check at growing table sizes. The index design makes the
 * cost follow how many registrations name the customer, not how many exist: p50/p99 should stay flat as
 * the table grows.
 *
 * Sizes: BENCH_DEAL_SIZES (default "10000,100000"; "10000,100000,1000000" for the full million). The table
 * is loaded with the adapter's own items (registration + one entry per customer key) by BatchWrite; the
 * content items that catch duplicate posts are left out, as the check never reads them.
 */

import { customerMatchKeys } from '../domain/deal-registration/customer-identity';
import {
  addDays,
  findConflict,
  matchKeyValues,
  undecidedClashes,
} from '../domain/deal-registration/deal-conflicts';
import type { DealRegistration, DealRegistrationStatus } from '../domain/deal-registration/deal-registration';
import { putAll } from '../functions/adapters/dynamo-batch';
import { createDocumentClient } from '../functions/adapters/dynamo-client';
import {
  DynamoDealRegistrationStore,
  dealCustomerEntries,
  dealRegistrationItem,
} from '../functions/adapters/dynamo-deal-registration-store';
import { createTableFromTemplate, localCredentials, startDynamoDbLocal } from '../infra/local/dynamodb-local';
import { freePort } from '../infra/local/preflight';
import { dataTemplate, resourcesOfType } from '../infra/local/template';
import { chrmTemplates } from '../infra/local/template-cache';

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

export async function runDealRegistrationBench() {
  const dynamoDb = await startDynamoDbLocal(await freePort());
  Object.assign(process.env, {
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
  });
  try {
    const [, definition] =
      resourcesOfType(dataTemplate(await chrmTemplates()), 'AWS::DynamoDB::GlobalTable')[0] ?? [];
    if (!definition) throw new Error('The data stack defines no table');
    const table = 'bench-deals';
    await createTableFromTemplate(dynamoDb.client, table, definition);
    const client = createDocumentClient({
      TABLE_NAME: table,
      AWS_REGION: 'us-east-1',
      DYNAMODB_ENDPOINT: dynamoDb.endpoint,
    });
    const store = new DynamoDealRegistrationStore(client, table);

    // The probe customers' holders: one registration per state, each by another partner (index above any size).
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
    await putAll(
      client,
      table,
      holders.flatMap((each) => [dealRegistrationItem(each), ...dealCustomerEntries(each)]),
    );

    const results: Record<string, Record<string, unknown>> = {};
    let loaded = 0;
    for (const size of sizes) {
      const loadStarted = performance.now();
      for (let start = loaded; start < size; start += 10_000) {
        const batch = Array.from({ length: Math.min(10_000, size - start) }, (_, offset) =>
          background(start + offset),
        );
        await putAll(
          client,
          table,
          batch.flatMap((each) => [dealRegistrationItem(each), ...dealCustomerEntries(each)]),
        );
      }
      const loadSeconds = (performance.now() - loadStarted) / 1000;
      const addedRegistrations = size - loaded;
      loaded = size;

      const timings: number[] = [];
      let conflictsFound = 0;
      let expectedConflicts = 0;
      for (let check = 0; check < checksPerSize; check++) {
        // Every other check is a customer nobody registered: the common case.
        const hits = check % 2 === 0;
        const candidate = registrationOf(
          3_000_000_000 + check,
          hits
            ? probeCustomer(check % probeCustomers)
            : { name: `Fresh ${check} Ltd`, country: 'GB', webDomain: `fresh${check}.example` },
          'PNEW',
          'draft',
        );
        const started = performance.now();
        const found = await store.holdersOf(matchKeyValues(customerMatchKeys(candidate.customer)), {
          partnerId: candidate.partnerId,
          skus: candidate.products.map((product) => product.sku),
        });
        // As the submit route: racing submissions still checking would be waited for (none here).
        if (undecidedClashes(candidate, found, today).length > 0) throw new Error('nothing races here');
        const conflict = findConflict(candidate, found, today);
        timings.push(performance.now() - started);
        // A hit clashes when the approved or submitted holder shares the candidate's SKU.
        if (hits) {
          const probe = check % probeCustomers;
          const clashing = holders
            .slice(probe * holdersPerCustomer, (probe + 1) * holdersPerCustomer)
            .filter((each) => ['approved', 'submitted'].includes(each.status))
            .some((each) => each.products[0]?.sku === candidate.products[0]?.sku);
          if (clashing) expectedConflicts++;
        }
        if (conflict !== undefined) conflictsFound++;
      }
      timings.sort((a, b) => a - b);
      results[`${size.toLocaleString('en-US')} registrations`] = {
        loadedPerSecond: Math.round(addedRegistrations / loadSeconds),
        checks: checksPerSize,
        p50ms: Number(percentile(timings, 50).toFixed(2)),
        p99ms: Number(percentile(timings, 99).toFixed(2)),
        maxMs: Number((timings.at(-1) ?? 0).toFixed(2)),
        conflictsFound,
        conflictsExact: conflictsFound === expectedConflicts,
      };
      console.log(
        `deal-registration: ${size} loaded`,
        results[`${size.toLocaleString('en-US')} registrations`],
      );
    }
    client.destroy();
    return results;
  } finally {
    await dynamoDb.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.table(await runDealRegistrationBench());
}
