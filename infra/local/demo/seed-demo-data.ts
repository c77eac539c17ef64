import type { Actor } from '../../../domain/access/actor';
import { createEndCustomer } from '../../../domain/end-customers/end-customer-use-cases';
import { createCatalogRecord } from '../../../domain/master-data/catalog-use-cases';
import { createPartner } from '../../../domain/partners/create-partner';
import { priceListCatalog } from '../../../domain/price-lists/catalog';
import { addPriceEntry } from '../../../domain/price-lists/price-entry-use-cases';
import { productCatalog } from '../../../domain/products/catalog';
import { AlreadyExistsError } from '../../../domain/shared/errors';
import type { Clock } from '../../../domain/shared/ports';
import type { masterDataStores } from '../../../functions/adapters/master-data-stores';
import {
  demoEndCustomers,
  demoPartners,
  demoPriceEntries,
  demoPriceList,
  demoProducts,
} from './demo-channel';

const seeder: Actor = { userId: 'demo-seed', role: 'admin' };

/** Runs a create; an existing record means an earlier run seeded it, which is what idempotency wants. */
async function once(create: () => Promise<unknown>): Promise<boolean> {
  try {
    await create();
    return true;
  } catch (error) {
    if (error instanceof AlreadyExistsError) return false;
    throw error;
  }
}

/**
 * Seeds the demo channel through the same use cases the API uses (so every rule holds), skipping what
 * exists. Returns how many records it added.
 */
export async function seedDemoData(
  stores: ReturnType<typeof masterDataStores>,
  clock: Clock,
): Promise<number> {
  const deps = { ...stores, clock };
  let added = 0;
  const count = (created: boolean) => {
    if (created) added++;
  };
  for (const partner of demoPartners) count(await once(() => createPartner(deps, seeder, partner)));
  const products = productCatalog(stores.products, clock);
  await Promise.all(
    demoProducts.map(async (product) =>
      count(await once(() => createCatalogRecord(products, seeder, product))),
    ),
  );
  count(await once(() => createCatalogRecord(priceListCatalog(deps), seeder, demoPriceList)));
  await Promise.all(
    demoPriceEntries.map(async (entry) =>
      count(
        await once(() => addPriceEntry(deps, seeder, { ...entry, priceListId: demoPriceList.priceListId })),
      ),
    ),
  );
  for (const endCustomer of demoEndCustomers)
    count(await once(() => createEndCustomer(deps, seeder, endCustomer)));
  return added;
}
