import type { Actor } from '../access/actor';
import { masterDataEditors, requireRole } from '../access/policies';
import { BusinessRuleError, NotFoundError } from '../shared/errors';
import { type CurrencyCode, canonicalUnitPrice } from '../shared/money/money';
import type { Page, PageRequest } from '../shared/ports';
import { createVersioned, getVersioned, replaceVersioned } from '../shared/versioned-record';
import { priceListReaders } from './catalog';
import { type EffectivePrice, effectivePriceOn } from './effective-price';
import type { PriceListDeps } from './ports';
import type { PriceEntry, PriceEntryPrices, PriceList } from './price-list';

function canonicalPrices(prices: PriceEntryPrices, currency: CurrencyCode): PriceEntryPrices {
  return {
    listPrice: canonicalUnitPrice(prices.listPrice, currency),
    bookCost: canonicalUnitPrice(prices.bookCost, currency),
  };
}

async function priceListOf(deps: PriceListDeps, priceListId: string): Promise<PriceList> {
  return getVersioned(deps.priceLists, priceListId, 'Price list');
}

export interface AddPriceEntryInput extends PriceEntryPrices {
  readonly priceListId: string;
  readonly sku: string;
  readonly effectiveFrom: string;
}

/**
 * Adds a product's prices from a date on (a price change is a new entry, so history is kept).
 * 1. Editors only. 2. The price list and the product must exist. 3. Prices take the list's currency.
 */
export async function addPriceEntry(
  deps: PriceListDeps,
  actor: Actor,
  input: AddPriceEntryInput,
): Promise<PriceEntry> {
  requireRole(actor, masterDataEditors);
  const priceList = await priceListOf(deps, input.priceListId);
  if (!(await deps.products.get(input.sku))) {
    const message = `product '${input.sku}' does not exist`;
    throw new BusinessRuleError(message, [{ path: 'sku', message }]);
  }
  return createVersioned(deps.priceEntries, deps.clock, {
    priceListId: priceList.priceListId,
    sku: input.sku,
    effectiveFrom: input.effectiveFrom,
    currency: priceList.currency,
    ...canonicalPrices(input, priceList.currency),
  });
}

/** Corrects the prices of an existing entry (editors only, optimistic concurrency). */
export async function correctPriceEntry(
  deps: PriceListDeps,
  actor: Actor,
  input: AddPriceEntryInput & { readonly expectedVersion: number },
): Promise<PriceEntry> {
  requireRole(actor, masterDataEditors);
  const priceList = await priceListOf(deps, input.priceListId);
  const id = { priceListId: input.priceListId, sku: input.sku, effectiveFrom: input.effectiveFrom };
  const current = await getVersioned(deps.priceEntries, id, 'Price entry');
  return replaceVersioned(deps.priceEntries, deps.clock, current, input.expectedVersion, {
    ...current,
    ...canonicalPrices(input, priceList.currency),
  });
}

/** Lists a price list's entries, or one product's entries when `sku` is given. */
export async function listPriceEntries(
  deps: PriceListDeps,
  actor: Actor,
  input: { readonly priceListId: string; readonly sku?: string; readonly page: Omit<PageRequest, 'group'> },
): Promise<Page<PriceEntry>> {
  requireRole(actor, priceListReaders);
  await priceListOf(deps, input.priceListId);
  const group = { priceListId: input.priceListId, ...(input.sku === undefined ? {} : { sku: input.sku }) };
  return deps.priceEntries.list({ ...input.page, group });
}

/** The prices of a product in force on a date, with the day they stop holding if a later entry exists. */
export async function priceOn(
  deps: PriceListDeps,
  actor: Actor,
  input: { readonly priceListId: string; readonly sku: string; readonly date: string },
): Promise<EffectivePrice> {
  requireRole(actor, priceListReaders);
  await priceListOf(deps, input.priceListId);
  const entries: PriceEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.priceEntries.list({
      limit: 100,
      group: { priceListId: input.priceListId, sku: input.sku },
      ...(cursor === undefined ? {} : { cursor }),
    });
    entries.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  const price = effectivePriceOn(entries, input.date);
  if (!price)
    throw new NotFoundError(`No price for '${input.sku}' on ${input.date} in '${input.priceListId}'`);
  return price;
}
