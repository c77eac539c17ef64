import { Money } from '../shared/money';
import { fileRejected } from './file-rejected-error';
import type { ChannelFileKind } from './ingest-types';
import type { CompiledColumns, LineNormalizer, LineSink } from './line-normalizer';
import { inventoryFields, saleFields } from './mapping-profile';
import type { X12Delimiters } from './x12-segments';

/** Product id qualifiers that carry our (the manufacturer's, i.e. the vendor's) part number. */
const ourSkuQualifiers = ['VP', 'MG', 'VN', 'MF'];
/** Qualifiers of the partner's own ids or of codes (UPC, GTIN) that the product lookup may know. */
const partnerSkuQualifiers = ['BP', 'IN', 'PI', 'SK', 'CB', 'UP', 'UK', 'EN', 'UI', 'UA'];

/** Identity columns: X12 items are assembled directly in canonical field order, custom attributes after. */
export function x12Columns(kind: ChannelFileKind): CompiledColumns {
  const fields: readonly string[] = kind === 'pos' ? saleFields : inventoryFields;
  const fieldColumns = new Map(fields.map((field, index) => [field, index]));
  const customColumns =
    kind === 'pos'
      ? [
          { name: 'reportNumber', column: fields.length },
          { name: 'purchaseOrder', column: fields.length + 1 },
        ]
      : [];
  return { fieldColumns, customColumns, width: 0 };
}

const saleIndex = (field: (typeof saleFields)[number]): number => saleFields.indexOf(field);
const inventoryIndex = (field: (typeof inventoryFields)[number]): number => inventoryFields.indexOf(field);

/** CCYYMMDD as is; a 6-digit YYMMDD (older versions) read as 20YY. */
const x12Date = (value: string | undefined): string =>
  value !== undefined && /^\d{6}$/.test(value) ? `20${value}` : (value ?? '');

interface ProductIds {
  sku: string;
  partnerSku: string;
}

/** Picks our SKU and the partner's id out of qualifier/id pairs starting at `from` (LIN02/03, SII01/02…). */
function productIds(elements: readonly string[], from: number, ids: ProductIds): void {
  let other = '';
  for (let index = from; index + 1 < elements.length; index += 2) {
    const qualifier = (elements[index] ?? '').trim();
    const id = (elements[index + 1] ?? '').trim();
    if (id === '') continue;
    if (ourSkuQualifiers.includes(qualifier)) {
      if (ids.sku === '') ids.sku = id;
    } else if (partnerSkuQualifiers.includes(qualifier)) {
      if (ids.partnerSku === '') ids.partnerSku = id;
    } else if (other === '') {
      other = id;
    }
  }
  // An id under a qualifier we do not know is still worth a lookup when it is the only one.
  if (ids.sku === '' && ids.partnerSku === '' && other !== '') ids.partnerSku = other;
}

/** The unit code of a composite unit element ("EA>1" → "EA"). */
function unitCode(value: string | undefined, component: string | undefined): string {
  if (value === undefined) return '';
  if (component !== undefined) return value.split(component)[0] ?? '';
  const match = /^[A-Za-z0-9]+/.exec(value);
  return match?.[0] ?? '';
}

interface SaleItem {
  readonly startSegment: number;
  readonly raw: string[];
  readonly ids: ProductIds;
  lineNumber: string;
  quantity: string;
  uom: string;
  unitPrice: string;
  amount: string;
  invoice: string;
  purchaseOrder: string;
  readonly dates: Map<string, string>;
  warehouse: string;
  seenQuantity: boolean;
  seenLin: boolean;
}

interface ProductTransfer {
  type: string;
  invoice: string;
  purchaseOrder: string;
  readonly dates: Map<string, string>;
  shipTo: string;
  billTo: string;
  endCustomerId: string;
  endCustomerName: string;
  warehouse: string;
  itemsInPtd: number;
}

interface SiiContext {
  readonly ids: ProductIds;
  readonly quantity: string;
  readonly uom: string;
  readonly unitPrice: string;
  readonly raw: string;
}

/**
 * Turns X12 867 (product transfer and resale report) segments into sale records and X12 852 (product activity
 * data) segments into inventory records, handed to the normalizer in canonical field order.
 *
 * 867: BPT (report number and date), CUR, then PTD loops (PTD01 transfer type, DTM dates, REF*IV invoice,
 * PRF purchase order, N1 ship-to/bill-to/buyer) with items either in the 5010 nest SII → QTY → LIN/UIT/AMT
 * or in the 004010 shape QTY/LIN/UIT/CTP directly under PTD. An item starts at SII, or at a QTY or LIN when
 * the open item already has one; its line number is LIN01, else its sequence.
 * 852: XQ (reporting date), N1 (location), then LIN items with ZA activity (QA on hand, QS sold, QR received,
 * QP on order, QI in transit) whose quantity is ZA02 or, when absent, the sum of the SDQ location quantities.
 */
export class X12Transactions {
  private transactionSet: '867' | '852' | undefined;
  private component: string | undefined;
  private terminator = '~';
  private itemsInTransaction = 0;
  // 867 state
  private reportNumber = '';
  private reportDate = '';
  private currency = '';
  private transfer: ProductTransfer | undefined;
  private sii: SiiContext | undefined;
  private item: SaleItem | undefined;
  // 852 state
  private asOfDate = '';
  private location = '';
  private activity: InventoryActivity | undefined;
  private dataRecords = 0;

  constructor(
    private readonly kind: ChannelFileKind,
    private readonly normalizer: LineNormalizer,
    private readonly sink: LineSink,
    private readonly startAfterLine: number,
    private readonly delimiters: () => X12Delimiters | undefined,
  ) {}

  readonly onSegment = (elements: string[], segmentNumber: number, raw: string): void => {
    const id = elements[0] ?? '';
    if (id === 'ST') {
      this.startTransaction(elements[1] ?? '');
      return;
    }
    if (id === 'SE' || id === 'GE' || id === 'IEA') {
      this.closeTransaction();
      return;
    }
    if (id === 'CTT') {
      // The summary ends the detail area: it belongs to no item.
      this.closeItem();
      this.closeActivity();
      return;
    }
    if (this.transactionSet === '867') this.onSaleSegment(id, elements, segmentNumber, raw);
    else if (this.transactionSet === '852') this.onActivitySegment(id, elements, segmentNumber, raw);
  };

  /** Refuses a file without any item once everything was read. */
  finish(): void {
    this.closeTransaction();
    if (this.dataRecords > 0) return;
    throw fileRejected(
      'header_only',
      this.kind === 'pos' ? 'the X12 file has no 867 item' : 'the X12 file has no 852 item (LIN/ZA)',
    );
  }

  private startTransaction(code: string): void {
    this.closeTransaction();
    const expected = this.kind === 'pos' ? '867' : '852';
    if (code !== expected) {
      throw fileRejected(
        'wrong_transaction_set',
        `X12 transaction set ${code} cannot be ingested as ${this.kind === 'pos' ? 'POS' : 'inventory'} (expected ${expected})`,
      );
    }
    this.transactionSet = code;
    this.component = this.delimiters()?.component;
    this.terminator = this.delimiters()?.segment ?? '~';
    this.itemsInTransaction = 0;
    this.reportNumber = '';
    this.reportDate = '';
    this.currency = '';
    this.transfer = undefined;
    this.sii = undefined;
    this.asOfDate = '';
    this.location = '';
  }

  private closeTransaction(): void {
    this.closeItem();
    this.closeActivity();
    this.transactionSet = undefined;
  }

  // ---- 867 ----

  private onSaleSegment(id: string, elements: readonly string[], segmentNumber: number, raw: string): void {
    const element = (index: number): string => (elements[index] ?? '').trim();
    switch (id) {
      case 'BPT':
        this.reportNumber = element(2);
        this.reportDate = x12Date(element(3));
        return;
      case 'CUR':
        if (this.transfer === undefined) this.currency = element(2);
        return;
      case 'PTD':
        this.closeItem();
        this.sii = undefined;
        this.transfer = {
          type: element(1),
          invoice: '',
          purchaseOrder: '',
          dates: new Map(),
          shipTo: '',
          billTo: '',
          endCustomerId: '',
          endCustomerName: '',
          warehouse: '',
          itemsInPtd: 0,
        };
        return;
      case 'SII': {
        this.closeItem();
        const ids = { sku: '', partnerSku: '' };
        productIds(elements, 1, ids);
        this.sii = {
          ids,
          quantity: element(3),
          uom: unitCode(element(4), this.component),
          unitPrice: element(5),
          raw,
        };
        this.openItem(segmentNumber, raw);
        return;
      }
      case 'QTY': {
        let item = this.item;
        if (item === undefined || item.seenQuantity) item = this.openItem(segmentNumber, raw);
        else item.raw.push(raw);
        item.seenQuantity = true;
        item.quantity = element(2);
        const uom = unitCode(elements[3], this.component);
        if (uom !== '') item.uom = uom;
        return;
      }
      case 'LIN': {
        let item = this.item;
        if (item === undefined || item.seenLin) item = this.openItem(segmentNumber, raw);
        else item.raw.push(raw);
        item.seenLin = true;
        if (element(1) !== '') item.lineNumber = element(1);
        const ids = { sku: '', partnerSku: '' };
        productIds(elements, 2, ids);
        if (ids.sku !== '') item.ids.sku = ids.sku;
        if (ids.partnerSku !== '') item.ids.partnerSku = ids.partnerSku;
        return;
      }
      default:
        break;
    }
    const item = this.item;
    if (item !== undefined) {
      item.raw.push(raw);
      this.onItemDetail(item, id, element);
      return;
    }
    const transfer = this.transfer;
    if (transfer === undefined) return;
    switch (id) {
      case 'REF':
        if (element(1) === 'IV') transfer.invoice = element(2);
        else if (element(1) === 'PO' && transfer.purchaseOrder === '') transfer.purchaseOrder = element(2);
        return;
      case 'PRF':
        if (transfer.purchaseOrder === '') transfer.purchaseOrder = element(1);
        return;
      case 'DTM':
        transfer.dates.set(element(1), x12Date(element(2)));
        return;
      case 'N1': {
        const party = element(4) === '' ? element(2) : element(4);
        switch (element(1)) {
          case 'ST':
            transfer.shipTo = party;
            if (transfer.endCustomerId === '') {
              transfer.endCustomerId = party;
              transfer.endCustomerName = element(2);
            }
            return;
          case 'BT':
            transfer.billTo = party;
            return;
          case 'BY':
          case 'EN':
            transfer.endCustomerId = party;
            transfer.endCustomerName = element(2);
            return;
          case 'WH':
            transfer.warehouse = party;
            return;
          default:
            return;
        }
      }
      default:
        return;
    }
  }

  private onItemDetail(item: SaleItem, id: string, element: (index: number) => string): void {
    switch (id) {
      case 'UIT':
        if (element(2) !== '') item.unitPrice = element(2);
        if (unitCode(element(1), this.component) !== '' && !item.seenQuantity) {
          item.uom = unitCode(element(1), this.component);
        }
        return;
      case 'CTP':
        if (item.unitPrice === '' && element(3) !== '') item.unitPrice = element(3);
        return;
      case 'AMT':
        if (element(1) === 'TT' || element(1) === '1') item.amount = element(2);
        return;
      case 'REF':
        if (element(1) === 'IV') item.invoice = element(2);
        else if (element(1) === 'PO') item.purchaseOrder = element(2);
        return;
      case 'DTM':
        item.dates.set(element(1), x12Date(element(2)));
        return;
      case 'N1':
        if (element(1) === 'WH') item.warehouse = element(4) === '' ? element(2) : element(4);
        return;
      default:
        return;
    }
  }

  private openItem(segmentNumber: number, raw: string): SaleItem {
    this.closeItem();
    const sii = this.sii;
    const item: SaleItem = {
      startSegment: segmentNumber,
      raw: sii !== undefined && raw !== sii.raw ? [sii.raw, raw] : [raw],
      ids: { sku: sii?.ids.sku ?? '', partnerSku: sii?.ids.partnerSku ?? '' },
      lineNumber: '',
      quantity: sii?.quantity ?? '',
      uom: sii?.uom ?? '',
      unitPrice: sii?.unitPrice ?? '',
      amount: '',
      invoice: '',
      purchaseOrder: '',
      dates: new Map(),
      warehouse: '',
      seenQuantity: false,
      seenLin: false,
    };
    this.item = item;
    return item;
  }

  private closeItem(): void {
    const item = this.item;
    if (item === undefined) return;
    this.item = undefined;
    this.itemsInTransaction++;
    const transfer = this.transfer;
    if (transfer !== undefined) transfer.itemsInPtd++;
    this.dataRecords++;
    if (item.startSegment <= this.startAfterLine) return;
    const date = (qualifier: string): string =>
      item.dates.get(qualifier) ?? transfer?.dates.get(qualifier) ?? '';
    let invoice = item.invoice || transfer?.invoice || '';
    let lineNumber = item.lineNumber;
    if (invoice === '') {
      // Without an invoice reference the report number identifies the lines: number them across the report.
      invoice = this.reportNumber;
      lineNumber = String(this.itemsInTransaction);
    } else if (lineNumber === '') {
      lineNumber = String(transfer?.itemsInPtd ?? this.itemsInTransaction);
    }
    const cells = new Array<string>(saleFields.length + 2).fill('');
    cells[saleIndex('invoiceNumber')] = invoice;
    cells[saleIndex('invoiceLine')] = lineNumber;
    cells[saleIndex('invoiceDate')] =
      date('003') || date('011') || date('514') || date('050') || this.reportDate;
    cells[saleIndex('shipDate')] = date('011');
    cells[saleIndex('orderDate')] = date('004');
    cells[saleIndex('sku')] = item.ids.sku;
    cells[saleIndex('partnerSku')] = item.ids.partnerSku;
    cells[saleIndex('quantity')] = item.quantity;
    cells[saleIndex('uom')] = item.uom;
    cells[saleIndex('unitPrice')] = item.unitPrice;
    cells[saleIndex('extendedAmount')] = item.amount;
    cells[saleIndex('currency')] = this.currency;
    cells[saleIndex('endCustomerId')] = transfer?.endCustomerId ?? '';
    cells[saleIndex('endCustomerName')] = transfer?.endCustomerName ?? '';
    cells[saleIndex('billTo')] = transfer?.billTo ?? '';
    cells[saleIndex('shipTo')] = transfer?.shipTo ?? '';
    cells[saleIndex('orderType')] = transfer?.type ?? '';
    cells[saleIndex('warehouse')] = item.warehouse || transfer?.warehouse || '';
    cells[saleFields.length] = this.reportNumber;
    cells[saleFields.length + 1] = item.purchaseOrder || transfer?.purchaseOrder || '';
    this.normalizer.normalize(cells, item.startSegment, item.raw.join(this.terminator));
  }

  // ---- 852 ----

  private onActivitySegment(
    id: string,
    elements: readonly string[],
    segmentNumber: number,
    raw: string,
  ): void {
    const element = (index: number): string => (elements[index] ?? '').trim();
    switch (id) {
      case 'XQ':
        this.asOfDate = x12Date(element(3) || element(2));
        return;
      case 'N1':
        if (this.activity === undefined && ['ST', 'WH', 'RL', 'SN', 'DS', 'LW'].includes(element(1))) {
          this.location = element(4) === '' ? element(2) : element(4);
        }
        return;
      case 'LIN': {
        this.closeActivity();
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

  private closeActivity(): void {
    const activity = this.activity;
    if (activity === undefined) return;
    this.activity = undefined;
    this.dataRecords++;
    if (activity.startSegment <= this.startAfterLine) return;
    const raw = activity.raw.join(this.terminator);
    if (activity.uoms.size > 1) {
      this.sink.reject({
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
    this.normalizer.normalize(cells, activity.startSegment, raw);
  }
}

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
