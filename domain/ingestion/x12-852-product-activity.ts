import { Money } from '../shared/money/money';

type Amount = InstanceType<typeof Money>;

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
  /** SDQ location → its first SDQ segment number and ZA code → quantity there. */
  readonly locations: Map<string, { readonly segment: number; readonly quantities: Map<string, Amount> }>;
  /** ZA code → an SDQ quantity that is not a number (reported as the line's quantity, so it is rejected). */
  readonly invalid: Map<string, string>;
  readonly uoms: Set<string>;
  last: string;
}

/**
 * Turns X12 852 (product activity data) segments into inventory records.
 *
 * XQ (reporting date), N1 (location), then LIN items with ZA activity (QA on hand, QS sold, QR received, QP on
 * order, QI in transit). ZA02 quantities are the N1 location's; SDQ location/quantity pairs make one
 * snapshot per location (its id as the warehouse). A ZA02 given beside an SDQ breakdown is its total and
 * must equal the locations' sum, or the item is rejected.
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
          locations: new Map(),
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
      // SDQ03.. are location/quantity pairs: each location is a snapshot of its own.
      for (let index = 3; index + 1 < elements.length; index += 2) {
        const location = element(index);
        const quantity = element(index + 1);
        if (location === '' || quantity === '' || activity.invalid.has(code)) continue;
        let parsed: Amount;
        try {
          parsed = new Money(quantity);
        } catch {
          activity.invalid.set(code, quantity);
          continue;
        }
        const at = activity.locations.get(location) ?? { segment: segmentNumber, quantities: new Map() };
        at.quantities.set(code, (at.quantities.get(code) ?? new Money(0)).plus(parsed));
        activity.locations.set(location, at);
      }
    }
  }

  closeItem(): void {
    const activity = this.activity;
    if (activity === undefined) return;
    this.activity = undefined;
    this.items++;
    const raw = activity.raw.join(this.terminator);
    const issue = this.itemIssue(activity);
    if (issue !== undefined) {
      if (activity.startSegment > this.target.startAfterLine) {
        this.target.sink.reject({ sourceLineNumber: activity.startSegment, raw, reasons: [issue] });
      }
      return;
    }
    const uom = [...activity.uoms][0] ?? '';
    // Codes broken down by location are reported there; the item's own record keeps the rest.
    const byLocation = new Set([...activity.locations.values()].flatMap((at) => [...at.quantities.keys()]));
    const own = new Map(
      [...activity.quantities, ...activity.invalid].filter(([code]) => !byLocation.has(code)),
    );
    if (own.size > 0 || activity.locations.size === 0) {
      this.emit(activity, activity.startSegment, this.location, uom, own, raw);
    }
    // Each location carries the number of its first SDQ segment, so a resumed file skips exactly what it stored.
    for (const [location, at] of activity.locations) {
      const quantities = new Map([...at.quantities].map(([code, value]) => [code, value.toFixed()]));
      this.emit(activity, at.segment, location, uom, quantities, raw);
    }
  }

  /** Why the whole item is refused: several units, or ZA02 totals their SDQ locations do not add up to. */
  private itemIssue(activity: InventoryActivity) {
    if (activity.uoms.size > 1) {
      return {
        field: 'uom',
        message: `the item reports quantities in several units (${[...activity.uoms].join(', ')})`,
      };
    }
    for (const [code, total] of activity.quantities) {
      let sum: Amount | undefined;
      for (const at of activity.locations.values()) {
        const quantity = at.quantities.get(code);
        if (quantity !== undefined) sum = (sum ?? new Money(0)).plus(quantity);
      }
      if (sum === undefined || activity.invalid.has(code)) continue;
      const expected = safeMoney(total);
      if (expected === undefined)
        return { field: 'quantity', message: `ZA*${code} '${total}' is not a number` };
      if (!sum.equals(expected)) {
        return {
          field: 'quantity',
          message: `ZA*${code} reports ${total} but its SDQ locations add up to ${sum.toFixed()}`,
        };
      }
    }
    return undefined;
  }

  private emit(
    activity: InventoryActivity,
    lineNumber: number,
    warehouse: string,
    uom: string,
    quantities: ReadonlyMap<string, string>,
    raw: string,
  ): void {
    if (lineNumber <= this.target.startAfterLine) return;
    const quantity = (code: string) => quantities.get(code) ?? '';
    const cells = new Array<string>(inventoryFields.length).fill('');
    cells[inventoryIndex('sku')] = activity.ids.sku;
    cells[inventoryIndex('partnerSku')] = activity.ids.partnerSku;
    cells[inventoryIndex('asOfDate')] = this.asOfDate;
    cells[inventoryIndex('quantityOnHand')] = quantity('QA');
    cells[inventoryIndex('quantityReceived')] = quantity('QR');
    cells[inventoryIndex('quantityOnOrder')] = quantity('QP');
    cells[inventoryIndex('quantityInTransit')] = quantity('QI');
    cells[inventoryIndex('quantitySold')] = quantity('QS');
    cells[inventoryIndex('uom')] = uom;
    cells[inventoryIndex('warehouse')] = warehouse;
    this.target.normalizer.normalize(cells, lineNumber, raw);
  }
}

function safeMoney(text: string): Amount | undefined {
  try {
    return new Money(text);
  } catch {
    return undefined;
  }
}
