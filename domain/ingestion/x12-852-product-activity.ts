import { Money } from '../shared/money';
import type { CompiledColumns } from './line-normalizer';
import { inventoryFields } from './mapping-profile';
import { elementReader, n1Party, type ProductIds, productIds, unitCode, x12Date } from './x12-elements';
import { canonicalColumns, type X12ItemTarget, type X12TransactionSet } from './x12-transaction-set';

/** Inventory fields in canonical order. */
export const productActivityColumns: CompiledColumns = canonicalColumns(inventoryFields, []);

const inventoryIndex = (field: (typeof inventoryFields)[number]): number => inventoryFields.indexOf(field);

/** N101 codes of the parties that name the reporting location. */
const locationQualifiers = ['ST', 'WH', 'RL', 'SN', 'DS', 'LW'];

interface InventoryActivity {
  readonly startSegment: number;
  readonly raw: string[];
  readonly ids: ProductIds;
  /** ZA code → ZA02 quantity. */
  readonly quantities: Map<string, string>;
  /** ZA code → sum of its SDQ location quantities. */
  readonly locationTotals: Map<string, InstanceType<typeof Money>>;
  /** ZA code → an SDQ quantity that is not a number (reported as the line's quantity, so it is rejected). */
  readonly invalid: Map<string, string>;
  readonly uoms: Set<string>;
  last: string;
}

/**
 * Turns X12 852 (product activity data) segments into inventory records.
 *
 * XQ (reporting date), N1 (location), then LIN items with ZA activity (QA on hand, QS sold, QR received, QP on
 * order, QI in transit) whose quantity is ZA02 or, when absent, the sum of the SDQ location quantities.
 */
export class ProductActivityReader implements X12TransactionSet {
  items = 0;
  private component: string | undefined;
  private terminator = '~';
  private asOfDate = '';
  private location = '';
  private activity: InventoryActivity | undefined;

  constructor(private readonly target: X12ItemTarget) {}

  start(component: string | undefined, terminator: string): void {
    this.component = component;
    this.terminator = terminator;
    this.asOfDate = '';
    this.location = '';
  }

  onSegment(id: string, elements: readonly string[], segmentNumber: number, raw: string): void {
    const element = elementReader(elements);
    switch (id) {
      case 'XQ':
        this.asOfDate = x12Date(element(3) || element(2));
        return;
      case 'N1':
        if (this.activity === undefined && locationQualifiers.includes(element(1))) {
          this.location = n1Party(element);
        }
        return;
      case 'LIN': {
        this.closeItem();
        const ids = { sku: '', partnerSku: '' };
        productIds(elements, 2, ids);
        this.activity = {
          startSegment: segmentNumber,
          raw: [raw],
          ids,
          quantities: new Map(),
          locationTotals: new Map(),
          invalid: new Map(),
          uoms: new Set(),
          last: '',
        };
        return;
      }
      default:
        break;
    }
    const activity = this.activity;
    if (activity === undefined) return;
    activity.raw.push(raw);
    if (id === 'ZA') {
      const code = element(1);
      activity.last = code;
      if (element(2) !== '') activity.quantities.set(code, element(2));
      const uom = unitCode(element(3), this.component);
      if (uom !== '') activity.uoms.add(uom);
    } else if (id === 'SDQ' && activity.last !== '') {
      const code = activity.last;
      const uom = unitCode(element(1), this.component);
      if (uom !== '') activity.uoms.add(uom);
      // SDQ03.. are location/quantity pairs: their sum is the ZA quantity when ZA02 is empty.
      for (let index = 4; index < elements.length; index += 2) {
        const quantity = element(index);
        if (quantity === '' || activity.invalid.has(code)) continue;
        try {
          activity.locationTotals.set(
            code,
            (activity.locationTotals.get(code) ?? new Money(0)).plus(quantity),
          );
        } catch {
          activity.invalid.set(code, quantity);
        }
      }
    }
  }

  closeItem(): void {
    const activity = this.activity;
    if (activity === undefined) return;
    this.activity = undefined;
    this.items++;
    if (activity.startSegment <= this.target.startAfterLine) return;
    const raw = activity.raw.join(this.terminator);
    if (activity.uoms.size > 1) {
      this.target.sink.reject({
        sourceLineNumber: activity.startSegment,
        raw,
        reasons: [
          {
            field: 'uom',
            message: `the item reports quantities in several units (${[...activity.uoms].join(', ')})`,
          },
        ],
      });
      return;
    }
    const quantity = (code: string): string =>
      activity.quantities.get(code) ??
      activity.invalid.get(code) ??
      activity.locationTotals.get(code)?.toFixed() ??
      '';
    const cells = new Array<string>(inventoryFields.length).fill('');
    cells[inventoryIndex('sku')] = activity.ids.sku;
    cells[inventoryIndex('partnerSku')] = activity.ids.partnerSku;
    cells[inventoryIndex('asOfDate')] = this.asOfDate;
    cells[inventoryIndex('quantityOnHand')] = quantity('QA');
    cells[inventoryIndex('quantityReceived')] = quantity('QR');
    cells[inventoryIndex('quantityOnOrder')] = quantity('QP');
    cells[inventoryIndex('quantityInTransit')] = quantity('QI');
    cells[inventoryIndex('quantitySold')] = quantity('QS');
    cells[inventoryIndex('uom')] = [...activity.uoms][0] ?? '';
    cells[inventoryIndex('warehouse')] = this.location;
    this.target.normalizer.normalize(cells, activity.startSegment, raw);
  }
}
