import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { InventorySnapshotLine } from '../../../domain/ingestion/ingest-types';
import {
  changeOf,
  isProtectedChange,
  type PriceChange,
  partnerProtection,
} from '../../../domain/price-protection/partner-protection';
import type { PriceProtectionTerm } from '../../../domain/price-protection/price-protection-term';
import { layerOnHand } from '../../../domain/price-protection/stock-layers';
import { Money } from '../../../domain/shared/money/money';
import { term as baseTerm } from './builders';

const term: PriceProtectionTerm = { ...baseTerm, reconciliationToleranceUnits: '2' };

const drop: PriceChange = {
  priceListId: 'PL-US',
  sku: 'SW-24',
  effectiveFrom: '2026-03-15',
  currency: 'USD',
  oldUnitCost: '50.00',
  newUnitCost: '44.00',
};

function snapshot(asOfDate: string, fields: Partial<InventorySnapshotLine>): InventorySnapshotLine {
  return {
    partnerId: 'P1',
    sourceFileId: 'F1',
    sourceLineNumber: 1,
    sku: 'SW-24',
    asOfDate,
    uom: 'EA',
    warehouse: 'W1',
    ...fields,
  };
}

/** 50.00 until the change, an older 52.00 before February, 44.00 from the change. */
const unitCostOn = (date: string) =>
  date >= '2026-03-15' ? '44.00' : date >= '2026-02-01' ? '50.00' : '52.00';

describe('price protection of one partner', () => {
  it('old 50.00, new 44.00 (12 % drop), 120 units on hand bought at 50.00, supported 100 % → 720.00', () => {
    expect(changeOf(drop)).toEqual({ direction: 'decrease', percent: '12' });
    const result = partnerProtection({
      partnerId: 'P1',
      change: drop,
      term,
      snapshots: [
        snapshot('2026-02-01', { quantityOnHand: '0' }),
        snapshot('2026-02-20', { quantityOnHand: '120', quantityReceived: '120' }),
        snapshot('2026-03-14', { quantityOnHand: '120' }),
      ],
      sales: [],
      unitCostOn,
    });
    expect(result).toMatchObject({
      reportedDate: '2026-03-14',
      reportedOnHand: '120',
      computedOnHand: '120',
      review: [],
      eligibleQuantity: '120',
      protectedQuantity: '120',
      amount: '720.00',
    });
  });

  it('FIFO: of 100 on hand, the 70 newest came at 50.00, the 30 before at 52.00 are not at the old price → 70 × 6.00 = 420.00', () => {
    const result = partnerProtection({
      partnerId: 'P1',
      change: drop,
      term,
      snapshots: [
        snapshot('2026-01-10', { quantityOnHand: '0' }),
        snapshot('2026-01-20', { quantityOnHand: '80', quantityReceived: '80' }),
        snapshot('2026-02-10', { quantityOnHand: '120', quantityReceived: '70' }),
        snapshot('2026-03-14', { quantityOnHand: '100' }),
      ],
      sales: [
        { invoiceDate: '2026-01-25', quantity: '30' },
        { invoiceDate: '2026-03-01', quantity: '20' },
      ],
      unitCostOn,
    });
    expect(result?.layers).toEqual([
      { date: '2026-01-20', quantity: '30', unitCost: '52.00', atOldPrice: false },
      { date: '2026-02-10', quantity: '70', unitCost: '50.00', atOldPrice: true },
    ]);
    expect(result).toMatchObject({ eligibleQuantity: '70', amount: '420.00', review: [] });
  });

  it('stock received before the 60-day window is not protected; 40 % of quantity and 50 % of the difference pay 3.00 × 48 = 144.00', () => {
    const result = partnerProtection({
      partnerId: 'P1',
      change: drop,
      term: { ...term, supportedQuantityPercent: '40', supportedDifferencePercent: '50' },
      snapshots: [
        snapshot('2026-01-05', { quantityOnHand: '0', quantityReceived: '0' }),
        snapshot('2026-01-10', { quantityOnHand: '30', quantityReceived: '30' }),
        snapshot('2026-02-15', { quantityOnHand: '150', quantityReceived: '120' }),
        snapshot('2026-03-15', { quantityOnHand: '150' }),
      ],
      sales: [],
      unitCostOn: () => '50.00',
    });
    expect(result).toMatchObject({ outsideWindow: '30', eligibleQuantity: '120', protectedQuantity: '48' });
    expect(result?.amount).toBe('144.00');
    expect(result).toMatchObject({ computedOnHand: '150', review: [] });
  });

  it('flags for review when reported on-hand differs from the computed position beyond the tolerance', () => {
    const result = partnerProtection({
      partnerId: 'P1',
      change: drop,
      term,
      snapshots: [
        snapshot('2026-02-01', { quantityOnHand: '0' }),
        snapshot('2026-02-20', { quantityOnHand: '120', quantityReceived: '120' }),
        snapshot('2026-03-14', { quantityOnHand: '120' }),
      ],
      sales: [{ invoiceDate: '2026-03-01', quantity: '10' }],
      unitCostOn,
    });
    expect(result).toMatchObject({ computedOnHand: '110', variance: '10', review: ['positionDiffers'] });
  });

  it('counts stock in transit only when the term includes it, as the newest purchase', () => {
    const snapshots = [
      snapshot('2026-02-01', { quantityOnHand: '0' }),
      snapshot('2026-02-20', { quantityOnHand: '20', quantityReceived: '20' }),
      snapshot('2026-03-14', { quantityOnHand: '20', quantityInTransit: '5' }),
    ];
    const base = { partnerId: 'P1', change: drop, snapshots, sales: [], unitCostOn };
    expect(partnerProtection({ ...base, term })?.amount).toBe('120.00');
    expect(partnerProtection({ ...base, term: { ...term, includeInTransit: true } })?.amount).toBe('150.00');
  });

  it('a partner without any snapshot on or before the change has nothing to protect', () => {
    const later = [snapshot('2026-03-20', { quantityOnHand: '10' })];
    expect(
      partnerProtection({ partnerId: 'P1', change: drop, term, snapshots: later, sales: [], unitCostOn }),
    ).toBe(undefined);
  });

  it('a decrease under the minimum, or an increase, is not protected; an increase is when the term recovers', () => {
    expect(isProtectedChange({ ...drop, newUnitCost: '48.00' }, { ...term, minDecreasePercent: '5' })).toBe(
      false,
    );
    expect(isProtectedChange(drop, { ...term, minDecreasePercent: '12' })).toBe(true);
    const rise = { ...drop, newUnitCost: '55.00' };
    expect(changeOf(rise)).toEqual({ direction: 'increase', percent: '10' });
    expect(isProtectedChange(rise, term)).toBe(false);
    expect(isProtectedChange(rise, { ...term, reverseOnIncrease: true })).toBe(true);
  });

  it('rounds half-even to cents once: 3 units × 0.125 → 0.38 (0.375 half-even), 1 × 0.125 → 0.12', () => {
    const change = { ...drop, oldUnitCost: '10.125', newUnitCost: '10.00' };
    const run = (onHand: string) =>
      partnerProtection({
        partnerId: 'P1',
        change,
        term,
        snapshots: [
          snapshot('2026-02-01', { quantityOnHand: '0' }),
          snapshot('2026-02-20', { quantityOnHand: onHand, quantityReceived: onHand }),
        ],
        sales: [],
        unitCostOn: () => '10.125',
      })?.amount;
    expect(run('3')).toBe('0.38');
    expect(run('1')).toBe('0.12');
  });
});

describe('price protection properties', () => {
  const cents = fc.integer({ min: 1, max: 10_000_00 }).map((value) => new Money(value).div(100).toFixed(2));
  const receipt = fc.record({
    day: fc.integer({ min: 1, max: 28 }),
    month: fc.constantFrom('01', '02', '03'),
    quantity: fc.integer({ min: 0, max: 500 }),
    atOld: fc.boolean(),
  });
  const percent = fc.integer({ min: 0, max: 100 }).map(String);

  it('protected quantity never exceeds on-hand nor the units bought at the old price; amounts are exact cents', () => {
    fc.assert(
      fc.property(
        fc.array(receipt, { maxLength: 12 }),
        fc.integer({ min: 0, max: 3000 }),
        cents,
        cents,
        percent,
        percent,
        fc.integer({ min: 1, max: 90 }),
        (receipts, onHand, oldCost, otherCost, quantityPercent, differencePercent, window) => {
          fc.pre(new Money(otherCost).gt(0) && oldCost !== otherCost);
          const newCost = new Money(oldCost).div(2).toFixed(2);
          const dated = receipts.map((each) => ({
            date: `2026-${each.month}-${String(each.day).padStart(2, '0')}`,
            ...each,
          }));
          const costs = new Map(dated.map((each) => [each.date, each.atOld ? oldCost : otherCost]));
          const snapshots = [
            ...dated.map((each) =>
              snapshot(each.date, { quantityReceived: String(each.quantity), warehouse: `${each.quantity}` }),
            ),
            snapshot('2026-03-28', { quantityOnHand: String(onHand) }),
          ];
          const result = partnerProtection({
            partnerId: 'P1',
            change: { ...drop, effectiveFrom: '2026-03-29', oldUnitCost: oldCost, newUnitCost: newCost },
            term: {
              ...term,
              eligibilityWindowDays: window,
              supportedQuantityPercent: quantityPercent,
              supportedDifferencePercent: differencePercent,
            },
            snapshots,
            sales: [],
            unitCostOn: (date) => costs.get(date),
          });
          if (result === undefined) throw new Error('a snapshot exists');
          const start = new Date('2026-03-29T00:00:00Z');
          start.setUTCDate(start.getUTCDate() - window);
          const boughtAtOld = dated
            .filter(
              (each) => costs.get(each.date) === oldCost && each.date >= start.toISOString().slice(0, 10),
            )
            .reduce((total, each) => total + each.quantity, 0);
          const protectedUnits = new Money(result.protectedQuantity);
          expect(protectedUnits.lte(onHand)).toBe(true);
          expect(protectedUnits.lte(boughtAtOld)).toBe(true);
          expect(new Money(result.eligibleQuantity).lte(Math.min(onHand, boughtAtOld))).toBe(true);
          expect(result.amount).toMatch(/^\d+\.\d{2}$/);
          const exact = protectedUnits
            .times(new Money(oldCost).minus(newCost))
            .times(differencePercent)
            .div(100);
          expect(new Money(result.amount).minus(exact).abs().lte('0.005')).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('FIFO layers hold exactly the on-hand units, newest receipts first', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ day: fc.integer({ min: 10, max: 28 }), quantity: fc.integer({ min: 0, max: 100 }) }),
        ),
        fc.integer({ min: 0, max: 1000 }),
        (receipts, onHand) => {
          const dated = receipts.map((each, index) => ({
            date: `2026-02-${each.day}`,
            quantity: String(each.quantity),
            unitCost: String(index),
          }));
          const { layers, unlayered } = layerOnHand(String(onHand), dated);
          const layered = layers.reduce((total, layer) => total.plus(layer.quantity), new Money(0));
          expect(layered.plus(unlayered).eq(onHand)).toBe(true);
          const received = dated.reduce((total, each) => total.plus(each.quantity), new Money(0));
          expect(layered.eq(Money.min(received, onHand))).toBe(true);
        },
      ),
    );
  });
});
