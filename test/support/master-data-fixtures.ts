import type { PartnerData } from '../../domain/partners/partner';
import type { ProductData } from '../../domain/products/product';

export const partnerData = (partnerId: string, overrides: Partial<PartnerData> = {}): PartnerData => ({
  partnerId,
  name: `${partnerId} Ltd`,
  partnerType: 'distributor',
  region: 'US-EAST',
  country: 'US',
  currency: 'USD',
  status: 'active',
  sites: [],
  ...overrides,
});

export const productData = (sku: string, overrides: Partial<ProductData> = {}): ProductData => ({
  sku,
  name: `Product ${sku}`,
  category: 'SWITCHES',
  baseUom: 'EA',
  uomConversions: [{ uom: 'CS', factor: '12' }],
  status: 'active',
  ...overrides,
});
