import { describe, expect, it } from 'vitest';
import { computeInventoryPosition } from '../../../domain/channel-files/inventory-position';
import type { InventorySnapshotLine } from '../../../domain/ingestion/ingest-types';
import { BusinessRuleError } from '../../../domain/shared/errors';

const snapshot = (
  asOfDate: string,
  onHand: string | undefined,
  received?: string,
  warehouse = 'W1',
): InventorySnapshotLine => ({
  partnerId: 'P-1',
  sourceFileId: 'f',
  sourceLineNumber: 1,
  sku: 'SW-1',
  uom: 'EA',
  asOfDate,
  warehouse,
  ...(onHand === undefined ? {} : { quantityOnHand: onHand }),
  ...(received === undefined ? {} : { quantityReceived: received }),
});
const sale = (invoiceDate: string, quantity: string) => ({ invoiceDate, quantity });
const window = { partnerId: 'P-1', sku: 'SW-1', from: '2026-03-01', to: '2026-03-31' };

describe('computeInventoryPosition', () => {
  it('rolls the opening snapshot forward with reported receipts and sell-through, and reports the variance', () => {
    const position = computeInventoryPosition(
      window,
      [
        snapshot('2026-02-28', '100'),
        snapshot('2026-02-28', '20', undefined, 'W2'),
        snapshot('2026-03-15', undefined, '50'),
        snapshot('2026-03-31', '95', '10'),
      ],
      [
        sale('2026-02-27', '999'),
        sale('2026-03-05', '60'),
        sale('2026-03-20', '-5'),
        sale('2026-04-01', '7'),
      ],
    );
    expect(position).toEqual({
      partnerId: 'P-1',
      sku: 'SW-1',
      openingDate: '2026-02-28',
      openingOnHand: '120',
      sellIn: '60',
      sellThrough: '55',
      computedOnHand: '125',
      reportedDate: '2026-03-31',
      reportedOnHand: '95',
      variance: '-30',
    });
  });

  it('keeps fractional quantities exact', () => {
    const position = computeInventoryPosition(
      window,
      [snapshot('2026-03-01', '0.1')],
      [sale('2026-03-02', '0.2')],
    );
    expect(position.computedOnHand).toBe('-0.1');
    expect(position.variance).toBeUndefined();
  });

  it('refuses a position with no snapshot to start from', () => {
    expect(() => computeInventoryPosition(window, [snapshot('2026-03-10', '5')], [])).toThrow(
      BusinessRuleError,
    );
  });
});
