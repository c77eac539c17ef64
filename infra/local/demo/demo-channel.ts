import type { NewEndCustomer } from '../../../domain/end-customers/end-customer';
import type { PartnerData } from '../../../domain/partners/partner';
import type { PriceListData } from '../../../domain/price-lists/price-list';
import type { ProductData } from '../../../domain/products/product';
import { Money } from '../../../domain/shared/money/money';

/**
 * A manufacturer's demo channel, generated deterministically: 4 distributors, 6 resellers under them, one
 * buying group, 60 products in 6 categories with case/pallet conversions, and a 2026 US price list whose
 * networking prices drop 8% on 1 July.
 */
const site = (
  siteId: string,
  kind: 'bill_to' | 'ship_to',
  city: string,
  country: string,
  region?: string,
) => ({
  siteId,
  kind,
  name: `${city} ${kind === 'bill_to' ? 'Accounts Payable' : 'Warehouse'}`,
  line1: `${100 + siteId.length} Commerce Way`,
  city,
  ...(region ? { region } : {}),
  country,
});

const distributors: PartnerData[] = [
  ['DIST-NORTH', 'Northwind Distribution', 'US-EAST', 'US', 'USD', 'Boston', 'MA', 'ENTERPRISE'],
  ['DIST-SOUTH', 'Southern Supply Co.', 'US-SOUTH', 'US', 'USD', 'Atlanta', 'GA', 'SMB'],
  ['DIST-WEST', 'Pacific Channel Partners', 'US-WEST', 'US', 'USD', 'Denver', 'CO', 'ENTERPRISE'],
  ['DIST-CANADA', 'Maple Tech Distribution', 'CANADA', 'CA', 'CAD', 'Toronto', 'ON', 'SMB'],
].map(
  ([
    partnerId = '',
    name = '',
    region = '',
    country = '',
    currency = '',
    city = '',
    state = '',
    segment = '',
  ]) => ({
    partnerId,
    name,
    partnerType: 'distributor',
    region,
    segment,
    country,
    currency: currency as PartnerData['currency'],
    status: 'active',
    sites: [
      site(`${partnerId}-BT`, 'bill_to', city, country, state),
      site(`${partnerId}-WH1`, 'ship_to', city, country, state),
    ],
  }),
);

const resellers: PartnerData[] = [
  ['RES-ACME', 'Acme IT Solutions', 'DIST-NORTH', 'US-EAST', 'US', 'USD', 'Hartford', 'SMB'],
  ['RES-BLUE', 'Bluebird Systems', 'DIST-NORTH', 'US-EAST', 'US', 'USD', 'Albany', 'PUBLIC-SECTOR'],
  ['RES-CEDAR', 'Cedar Networks', 'DIST-SOUTH', 'US-SOUTH', 'US', 'USD', 'Nashville', 'SMB'],
  ['RES-DELTA', 'Delta Integration', 'DIST-WEST', 'US-WEST', 'US', 'USD', 'Phoenix', 'ENTERPRISE'],
  ['RES-EAGLE', 'Eagle Office Tech', 'DIST-WEST', 'US-WEST', 'US', 'USD', 'Boise', 'SMB'],
  ['RES-FJORD', 'Fjord Computing', 'DIST-CANADA', 'CANADA', 'CA', 'CAD', 'Ottawa', 'PUBLIC-SECTOR'],
].map(
  ([
    partnerId = '',
    name = '',
    parentPartnerId = '',
    region = '',
    country = '',
    currency = '',
    city = '',
    segment = '',
  ]) => ({
    partnerId,
    name,
    partnerType: 'reseller',
    parentPartnerId,
    region,
    segment,
    country,
    currency: currency as PartnerData['currency'],
    status: 'active',
    sites: [site(`${partnerId}-BT`, 'bill_to', city, country)],
  }),
);

const buyingGroup: PartnerData = {
  partnerId: 'BG-ALLIANCE',
  name: 'Independent Dealers Alliance',
  partnerType: 'buying_group',
  region: 'US',
  country: 'US',
  currency: 'USD',
  status: 'active',
  sites: [site('BG-ALLIANCE-BT', 'bill_to', 'Chicago', 'US', 'IL')],
};

/** Parents before children, so each parent exists when its child is registered. */
export const demoPartners: readonly PartnerData[] = [...distributors, buyingGroup, ...resellers];

const categories = [
  { code: 'SWITCHES', prefix: 'SW', noun: 'Managed Switch', casePack: '4', basePrice: 420 },
  { code: 'ROUTERS', prefix: 'RT', noun: 'Edge Router', casePack: '2', basePrice: 780 },
  { code: 'WIRELESS', prefix: 'WL', noun: 'Access Point', casePack: '6', basePrice: 260 },
  { code: 'CABLES', prefix: 'CB', noun: 'Patch Cable', casePack: '50', basePrice: 9 },
  { code: 'STORAGE', prefix: 'ST', noun: 'NAS Drive', casePack: '10', basePrice: 145 },
  { code: 'ACCESSORIES', prefix: 'AC', noun: 'Rack Kit', casePack: '12', basePrice: 35 },
] as const;

export const demoProducts: readonly ProductData[] = categories.flatMap((category) =>
  Array.from({ length: 10 }, (_, index) => ({
    sku: `${category.prefix}-${String(index + 1).padStart(4, '0')}`,
    name: `${category.noun} ${['Lite', 'Standard', 'Plus', 'Pro', 'Max'][index % 5]} ${index + 1}`,
    category: category.code,
    baseUom: 'EA',
    uomConversions: [
      { uom: 'CS', factor: category.casePack },
      { uom: 'PL', factor: new Money(category.casePack).times(40).toFixed() },
    ],
    status: 'active' as const,
  })),
);

export const demoPriceList: PriceListData = {
  priceListId: 'US-2026',
  name: 'US channel prices 2026',
  currency: 'USD',
  status: 'active',
};

/** The mid-year price drop: networking list prices and book costs fall 8% from this date. */
export const priceDropDate = '2026-07-01';
const droppedCategories = new Set(['SWITCHES', 'ROUTERS']);

export interface DemoPriceEntry {
  readonly sku: string;
  readonly effectiveFrom: string;
  readonly listPrice: string;
  readonly bookCost: string;
}

/** January prices for every product (book cost 70% of list), and July prices for the dropped categories. */
export const demoPriceEntries: readonly DemoPriceEntry[] = demoProducts.flatMap((product, index) => {
  const category = categories.find((candidate) => candidate.code === product.category);
  const list = new Money(category?.basePrice ?? 0).plus((index % 10) * 15);
  const entry = (effectiveFrom: string, listPrice: InstanceType<typeof Money>) => ({
    sku: product.sku,
    effectiveFrom,
    listPrice: listPrice.toFixed(2),
    bookCost: listPrice.times('0.70').toFixed(2),
  });
  const january = entry('2026-01-01', list);
  return droppedCategories.has(product.category)
    ? [january, entry(priceDropDate, list.times('0.92'))]
    : [january];
});

/**
 * End customers the demo's POS lines and ship & debit claims name, with their segments: C-21 and C-22 are
 * schools, so the EDU segment blanket (DA-DEMO-SEGMENT-EDU) covers resales to them.
 */
export const demoEndCustomers: readonly NewEndCustomer[] = [
  { endCustomerId: 'C-9', name: 'Contoso Health', country: 'US', segment: 'HEALTHCARE', status: 'active' },
  { endCustomerId: 'C-12', name: 'City of Springfield', country: 'US', segment: 'GOV', status: 'active' },
  {
    endCustomerId: 'C-21',
    name: 'Springfield University',
    country: 'US',
    segment: 'EDU',
    webDomain: 'springfield.edu',
    status: 'active',
  },
  {
    endCustomerId: 'C-22',
    name: 'Lakeside School District',
    country: 'US',
    segment: 'EDU',
    status: 'active',
  },
  {
    endCustomerId: 'C-INITECH',
    name: 'Initech',
    country: 'US',
    segment: 'ENTERPRISE',
    taxId: '12-3456789',
    status: 'active',
  },
];

/** Demo users printed with tokens at start-up: one per role, and two partner users. */
export const demoUsers = [
  { sub: 'demo-admin', role: 'admin' },
  { sub: 'demo-channel-manager', role: 'channel_manager' },
  { sub: 'demo-approver', role: 'approver' },
  { sub: 'demo-finance', role: 'finance' },
  { sub: 'demo-partner-dist-north', role: 'partner', partnerId: 'DIST-NORTH' },
  { sub: 'demo-partner-res-acme', role: 'partner', partnerId: 'RES-ACME' },
  // Near its next tier on VOL-ALL-STEPPED after the demo run: its home page shows the alert.
  { sub: 'demo-partner-dist-south', role: 'partner', partnerId: 'DIST-SOUTH' },
] as const;
