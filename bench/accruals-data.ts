/**
 * The accrual benchmark's data (issue 4): a seeded, deterministic set of sale lines (40 partners with 25 end
 * customers each, 2,000 SKUs in 20 categories, Q1 2026 plus a Q1 2025 slice as the growth baseline, ~3 %
 * returns) and 30 programs of mixed kinds with 3–5 tiers, the same for the engine and for DuckDB.
 */
import type { SaleLine } from '../domain/accruals/sale-line';
import { type RebateProgram, type RebateProgramInput, rebateProgramSchema } from '../domain/programs/program';
import { seededRandom } from '../test/support/seeded-random';

/** The run period of the benchmark. */
export const period = { start: '2026-01-01', end: '2026-03-31' };
const partnerCount = 40;
const customersPerPartner = 25;
const skuCount = 2_000;
const categoryCount = 20;
const repCount = 300;

const pad = (value: number, width: number) => String(value).padStart(width, '0');
const partnerId = (index: number) => `P${pad(index, 2)}`;
const skuId = (index: number) => `SKU-${pad(index, 5)}`;
const categoryId = (index: number) => `CAT-${pad(index, 2)}`;

/** An integer of cents as a decimal string. */
export function cents(value: bigint): string {
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
