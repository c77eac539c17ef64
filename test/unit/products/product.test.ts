import { describe, expect, it } from 'vitest';
import { productDetailsSchema, toBaseQuantity } from '../../../domain/products/product';
import { BusinessRuleError } from '../../../domain/shared/errors';
import { productData } from '../../support/master-data-fixtures';

describe('toBaseQuantity', () => {
  const product = productData('SW-1', {
    uomConversions: [
      { uom: 'CS', factor: '12' },
      { uom: 'PR', factor: '0.5' },
    ],
  });

  it('converts cases into eaches exactly', () => {
    expect(toBaseQuantity(product, '3', 'CS')).toBe('36');
  });

  it('keeps returns negative', () => {
    expect(toBaseQuantity(product, '-2', 'CS')).toBe('-24');
  });

  it('handles fractional factors without float error', () => {
    expect(toBaseQuantity(product, '0.3', 'PR')).toBe('0.15');
  });

  it('passes base units through', () => {
    expect(toBaseQuantity(product, '7', 'EA')).toBe('7');
  });

  it('refuses a unit the product does not know', () => {
    expect(() => toBaseQuantity(product, '1', 'PL')).toThrow(BusinessRuleError);
  });
});

describe('productDetailsSchema', () => {
  it('refuses a conversion for the base unit or a duplicate unit, pointing at it', () => {
    const result = productDetailsSchema.safeParse({
      name: 'Switch',
      category: 'SWITCHES',
      baseUom: 'EA',
      uomConversions: [
        { uom: 'EA', factor: '1' },
        { uom: 'CS', factor: '12' },
        { uom: 'CS', factor: '6' },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'uomConversions.0.uom',
      'uomConversions.2.uom',
    ]);
  });

  it('refuses a zero factor', () => {
    const result = productDetailsSchema.safeParse({
      name: 'Switch',
      category: 'SWITCHES',
      baseUom: 'EA',
      uomConversions: [{ uom: 'CS', factor: '0' }],
    });
    expect(result.error?.issues[0]?.message).toBe('must be greater than zero');
  });
});
