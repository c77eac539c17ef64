import {
  decimalEmpty,
  decimalOk,
  decimalString,
  isAbsurd,
  multiplyUnits,
  roundUnitsHalfEven,
  type Units,
  withinOneMinorUnit,
} from './decimal-text';
import { storedSizeIssue } from './field-limits';
import type { LineIssue, NormalizedSaleLine } from './ingest-types';
import {
  BaseNormalizer,
  type CompiledColumns,
  cell,
  conversionIssue,
  type LineNormalizer,
  type LineSink,
  minorUnitsByCurrency,
  type NormalizerSettings,
  readText,
  statusMessage,
  text,
  toBase,
  withIssue,
} from './line-normalizer';
import type { SaleField } from './mapping-profile';

/** Shared by every line without custom attribute columns (most files): one frozen object, not one per line. */
const noCustomAttributes: Record<string, string> = Object.freeze({});

export class SaleLineNormalizer extends BaseNormalizer implements LineNormalizer {
  private readonly invoiceNumberColumn: number;
  private readonly invoiceLineColumn: number;
  private readonly invoiceDateColumn: number;
  private readonly shipDateColumn: number;
  private readonly orderDateColumn: number;
  private readonly quantityColumn: number;
  private readonly unitPriceColumn: number;
  private readonly extendedAmountColumn: number;
  private readonly currencyColumn: number;
  private readonly endCustomerIdColumn: number;
  private readonly endCustomerNameColumn: number;
  private readonly billToColumn: number;
  private readonly shipToColumn: number;
  private readonly orderTypeColumn: number;
  private readonly salespersonColumn: number;
  private readonly defaultCurrency: string;
  private readonly base: { units: Units; scale: number } = { units: 0, scale: 0 };
  private lastCurrencyText = '\u0000';
  private lastCurrency = '';
  private lastMinor = 0;

  constructor(settings: NormalizerSettings, columns: CompiledColumns, sink: LineSink) {
    super(settings, columns, sink);
    const columnOf = (field: SaleField): number => columns.fieldColumns.get(field) ?? -1;
    this.invoiceNumberColumn = columnOf('invoiceNumber');
    this.invoiceLineColumn = columnOf('invoiceLine');
    this.invoiceDateColumn = columnOf('invoiceDate');
    this.shipDateColumn = columnOf('shipDate');
    this.orderDateColumn = columnOf('orderDate');
    this.quantityColumn = columnOf('quantity');
    this.unitPriceColumn = columnOf('unitPrice');
    this.extendedAmountColumn = columnOf('extendedAmount');
    this.currencyColumn = columnOf('currency');
    this.endCustomerIdColumn = columnOf('endCustomerId');
    this.endCustomerNameColumn = columnOf('endCustomerName');
    this.billToColumn = columnOf('billTo');
    this.shipToColumn = columnOf('shipTo');
    this.orderTypeColumn = columnOf('orderType');
    this.salespersonColumn = columnOf('salesperson');
    this.defaultCurrency = settings.defaultCurrency ?? '';
  }

  normalize(cells: readonly string[], sourceLineNumber: number, raw: string): void {
    let issues: LineIssue[] | undefined;
    if (this.width !== 0 && cells.length > this.width) {
      const extra = this.extraCellsIssue(cells);
      if (extra !== undefined) issues = [extra];
    }

    issues = this.lengthIssues(cells, issues);
    const invoiceNumber = text(cells, this.invoiceNumberColumn);
    if (invoiceNumber === '') issues = withIssue(issues, { field: 'invoiceNumber', message: 'is required' });

    const dates = this.dates;
    const invoiceDateText = cell(cells, this.invoiceDateColumn);
    const invoiceDate = dates.parse(invoiceDateText);
    if (invoiceDate === undefined) issues = withIssue(issues, this.dateIssue('invoiceDate', invoiceDateText));
    const shipDateText = cell(cells, this.shipDateColumn);
    const shipDate = shipDateText === '' ? '' : dates.parse(shipDateText);
    if (shipDate === undefined) issues = withIssue(issues, this.dateIssue('shipDate', shipDateText));
    const orderDateText = cell(cells, this.orderDateColumn);
    const orderDate = orderDateText === '' ? '' : dates.parse(orderDateText);
    if (orderDate === undefined) issues = withIssue(issues, this.dateIssue('orderDate', orderDateText));

    const sku = text(cells, this.skuColumn);
    const partnerSku = text(cells, this.partnerSkuColumn);
    const productIssue = this.resolveProduct(sku, partnerSku);
    if (productIssue !== undefined) issues = withIssue(issues, productIssue);
    const product = this.product;

    const numbers = this.numbers;
    const quantityText = cell(cells, this.quantityColumn);
    const quantityStatus = numbers.read(quantityText);
    const quantityUnits = numbers.units;
    const quantityScale = numbers.scale;
    const quantityNegative = numbers.negative;
    let reportedQuantity = '';
    if (quantityStatus === decimalOk) reportedQuantity = readText(numbers, quantityText, 0);
    else
      issues = withIssue(issues, { field: 'quantity', message: statusMessage(quantityStatus, quantityText) });

    const currencyText = text(cells, this.currencyColumn);
    let currency = currencyText === '' ? this.defaultCurrency : currencyText;
    let minor: number | undefined;
    // Files repeat one currency: comparing 3 characters is cheaper than hashing a fresh string per line.
    if (currency === this.lastCurrencyText) {
      currency = this.lastCurrency;
      minor = this.lastMinor;
    } else {
      minor = minorUnitsByCurrency.get(currency);
      if (minor === undefined && currency !== '') {
        currency = currency.toUpperCase();
        minor = minorUnitsByCurrency.get(currency);
      }
      if (minor !== undefined) {
        this.lastCurrencyText = currencyText === '' ? this.defaultCurrency : currencyText;
        this.lastCurrency = currency;
        this.lastMinor = minor;
      }
    }
    if (minor === undefined) {
      issues = withIssue(issues, {
        field: 'currency',
        message: currency === '' ? 'is required' : `'${currencyText}' is not a supported currency`,
      });
    }
    const minorScale = minor ?? 0;

    const priceText = cell(cells, this.unitPriceColumn);
    const priceStatus = numbers.read(priceText);
    const priceUnits = numbers.units;
    const priceScale = numbers.scale;
    let unitPrice = '';
    if (priceStatus === decimalOk) {
      if (numbers.negative)
        issues = withIssue(issues, { field: 'unitPrice', message: `'${priceText}' is negative` });
      else unitPrice = readText(numbers, priceText, minorScale);
    } else if (priceStatus !== decimalEmpty) {
      issues = withIssue(issues, { field: 'unitPrice', message: statusMessage(priceStatus, priceText) });
    }

    const amountText = cell(cells, this.extendedAmountColumn);
    const amountStatus = numbers.read(amountText);
    const amountUnits = numbers.units;
    const amountScale = numbers.scale;
    const amountNegative = numbers.negative;
    let extendedAmount = '';
    if (amountStatus === decimalOk) {
      extendedAmount = readText(numbers, amountText, minorScale);
    } else if (amountStatus !== decimalEmpty) {
      issues = withIssue(issues, {
        field: 'extendedAmount',
        message: statusMessage(amountStatus, amountText),
      });
    } else if (priceStatus === decimalEmpty) {
      issues = withIssue(issues, {
        field: 'extendedAmount',
        message: 'is required when there is no unit price',
      });
    }

    let reportedUom = '';
    let quantity = '';
    if (product !== undefined) {
      reportedUom = this.reportedUom(cells, product);
      if (quantityStatus === decimalOk) {
        const base = this.base;
        if (!toBase(product, reportedUom, quantityUnits, quantityScale, base)) {
          issues = withIssue(issues, conversionIssue(product, reportedUom));
        } else if (base.units === quantityUnits && base.scale === quantityScale) {
          quantity = reportedQuantity;
        } else if (isAbsurd(base.units, base.scale)) {
          issues = withIssue(issues, {
            field: 'quantity',
            message: `'${quantityText}' ${reportedUom} is beyond ±1,000,000,000 ${product.baseUom}`,
          });
        } else {
          quantity = decimalString(base.units, base.scale, quantityNegative);
        }
      }
    }

    if (issues === undefined && priceStatus === decimalOk) {
      const exact = multiplyUnits(quantityUnits, priceUnits);
      const exactScale = quantityScale + priceScale;
      if (amountStatus === decimalOk) {
        if (
          !withinOneMinorUnit(
            amountUnits,
            amountScale,
            amountNegative,
            exact,
            exactScale,
            quantityNegative,
            minorScale,
          )
        ) {
          const computed = decimalString(exact, exactScale, quantityNegative, minorScale);
          issues = withIssue(issues, {
            field: 'extendedAmount',
            message: `'${amountText}' differs from quantity × unit price = ${computed} by more than one minor unit`,
          });
        }
      } else {
        const rounded = roundUnitsHalfEven(exact, exactScale, minorScale);
        if (isAbsurd(rounded, minorScale)) {
          issues = withIssue(issues, {
            field: 'extendedAmount',
            message: 'quantity × unit price is beyond ±1,000,000,000',
          });
        }
        extendedAmount = decimalString(rounded, minorScale, quantityNegative, minorScale);
      }
    }

    if (issues !== undefined || product === undefined || invoiceDate === undefined) {
      this.sink.reject({ sourceLineNumber, raw, reasons: issues ?? [] });
      return;
    }

    const invoiceLine = text(cells, this.invoiceLineColumn);
    const line: NormalizedSaleLine = {
      partnerId: this.settings.partnerId,
      sourceFileId: this.settings.sourceFileId,
      sourceLineNumber,
      invoiceNumber,
      invoiceLine: invoiceLine === '' ? String(sourceLineNumber) : invoiceLine,
      invoiceDate,
      sku: product.sku,
      category: product.category,
      quantity,
      uom: product.baseUom,
      reportedQuantity,
      reportedUom,
      extendedAmount,
      currency,
      custom: this.customColumns.length === 0 ? noCustomAttributes : this.customAttributes(cells),
    };
    if (shipDate !== undefined && shipDate !== '') line.shipDate = shipDate;
    if (orderDate !== undefined && orderDate !== '') line.orderDate = orderDate;
    if (partnerSku !== '') line.partnerSku = partnerSku;
    if (unitPrice !== '') line.unitPrice = unitPrice;
    let value = text(cells, this.endCustomerIdColumn);
    if (value !== '') line.endCustomerId = value;
    value = text(cells, this.endCustomerNameColumn);
    if (value !== '') line.endCustomerName = value;
    value = text(cells, this.billToColumn);
    if (value !== '') line.billTo = value;
    value = text(cells, this.shipToColumn);
    if (value !== '') line.shipTo = value;
    value = text(cells, this.orderTypeColumn);
    if (value !== '') line.orderType = value;
    value = text(cells, this.salespersonColumn);
    if (value !== '') line.salesperson = value;
    value = text(cells, this.warehouseColumn);
    if (value !== '') line.warehouse = value;
    const oversize = storedSizeIssue(line);
    if (oversize !== undefined) this.sink.reject({ sourceLineNumber, raw, reasons: [oversize] });
    else this.sink.accept(line, sourceLineNumber, raw);
  }

  private dateIssue(field: string, value: string): LineIssue {
    return value.trim() === ''
      ? { field, message: 'is required' }
      : { field, message: `'${value}' is not a valid date in the format ${this.settings.dateFormat}` };
  }
}
