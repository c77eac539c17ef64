import type { CompiledColumns } from './line-normalizer';
import { saleFields } from './mapping-profile';
import { elementReader, n1Party, type ProductIds, productIds, unitCode, x12Date } from './x12-elements';
import { canonicalColumns, type X12ItemTarget, type X12TransactionSet } from './x12-transaction-set';

/** Sale fields in canonical order, then the report number and the purchase order as custom attributes. */
export const productTransferColumns: CompiledColumns = canonicalColumns(saleFields, [
  'reportNumber',
  'purchaseOrder',
]);

const saleIndex = (field: (typeof saleFields)[number]): number => saleFields.indexOf(field);

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
 * Turns X12 867 (product transfer and resale report) segments into sale records.
 *
 * BPT (report number and date), CUR, then PTD loops (PTD01 transfer type, DTM dates, REF*IV invoice, PRF
 * purchase order, N1 ship-to/bill-to/buyer) with items either in the 5010 nest SII → QTY → LIN/UIT/AMT or in
 * the 004010 shape QTY/LIN/UIT/CTP directly under PTD. An item starts at SII, or at a QTY or LIN when the open
 * item already has one; its line number is LIN01, else its sequence.
 */
export class ProductTransferReader implements X12TransactionSet {
  items = 0;
  private component: string | undefined;
  private terminator = '~';
  private itemsInTransaction = 0;
  private reportNumber = '';
  private reportDate = '';
  private currency = '';
  private transfer: ProductTransfer | undefined;
  private sii: SiiContext | undefined;
  private item: SaleItem | undefined;

  constructor(private readonly target: X12ItemTarget) {}

  start(component: string | undefined, terminator: string): void {
    this.component = component;
    this.terminator = terminator;
    this.itemsInTransaction = 0;
    this.reportNumber = '';
    this.reportDate = '';
    this.currency = '';
    this.transfer = undefined;
    this.sii = undefined;
  }

  onSegment(id: string, elements: readonly string[], segmentNumber: number, raw: string): void {
    const element = elementReader(elements);
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
    if (transfer !== undefined) this.onTransferDetail(transfer, id, element);
  }

  closeItem(): void {
    const item = this.item;
    if (item === undefined) return;
    this.item = undefined;
    this.itemsInTransaction++;
    const transfer = this.transfer;
    if (transfer !== undefined) transfer.itemsInPtd++;
    this.items++;
    if (item.startSegment <= this.target.startAfterLine) return;
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
    this.target.normalizer.normalize(cells, item.startSegment, item.raw.join(this.terminator));
  }

  /** A PTD-level segment before the loop's first item: invoice, purchase order, dates and parties. */
  private onTransferDetail(transfer: ProductTransfer, id: string, element: (index: number) => string): void {
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
        const party = n1Party(element);
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
        if (element(1) === 'WH') item.warehouse = n1Party(element);
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
}
