import { currencyMinorUnits } from '../shared/money';
import { compileDateFormat, type DateCodec } from './date-text';
import {
  DecimalReader,
  type DecimalStatus,
  decimalAbsurd,
  decimalEmpty,
  decimalInvalid,
  decimalOk,
  decimalString,
  decimalTooPrecise,
  isAbsurd,
  maxDecimals,
  multiplyUnits,
  roundUnitsHalfEven,
  type Units,
  withinOneMinorUnit,
} from './decimal-text';
import type {
  InventorySnapshotLine,
  LineIssue,
  NormalizedSaleLine,
  ProductLookup,
  ProductRef,
  RejectedLine,
} from './ingest-types';
import type { DateFormat, InventoryField, SaleField } from './mapping-profile';

/** Receives normalized and rejected lines in file order. */
export interface LineSink {
  accept(line: NormalizedSaleLine | InventorySnapshotLine, sourceLineNumber: number): void;
  reject(line: RejectedLine): void;
}

/** Where each canonical field sits in a record's cells (-1 = not in the file), plus custom attribute columns. */
export interface CompiledColumns {
  readonly fieldColumns: ReadonlyMap<string, number>;
  readonly customColumns: readonly { readonly name: string; readonly column: number }[];
  /** Cells a record should have (the header's width); 0 when unknown. */
  readonly width: number;
}

/** Everything a normalizer needs besides the columns, resolved once per file. */
export interface NormalizerSettings {
  readonly partnerId: string;
  readonly sourceFileId: string;
  readonly products: ProductLookup;
  readonly dateFormat: DateFormat;
  readonly decimalSeparator: '.' | ',';
  readonly thousandsSeparator: '' | ',' | '.' | ' ' | "'";
  readonly defaultUom?: string | undefined;
  readonly defaultCurrency?: string | undefined;
}

/** Normalizes one record (its cells) into a line or a rejection. */
export interface LineNormalizer {
  normalize(cells: readonly string[], sourceLineNumber: number, raw: string): void;
}

interface Factor {
  readonly units: number;
  readonly scale: number;
}

/** A product with its UoM factors parsed once, so conversions on the hot path are integer multiplications. */
interface CompiledProduct {
  readonly sku: string;
  readonly category: string;
  readonly baseUom: string;
  readonly factors: ReadonlyMap<string, Factor>;
}

const minorUnitsByCurrency: ReadonlyMap<string, number> = new Map(Object.entries(currencyMinorUnits));
const maxTextLength = 200;

const statusMessage = (status: DecimalStatus, text: string): string => {
  switch (status) {
    case decimalInvalid:
      return `'${text}' is not a number`;
    case decimalTooPrecise:
      return `'${text}' has more than ${maxDecimals} decimals`;
    case decimalAbsurd:
      return `'${text}' is beyond ±1,000,000,000`;
    default:
      return 'is required';
  }
};

/** Appends an issue, creating the list on the first one (most lines have none, so none is allocated). */
function withIssue(issues: LineIssue[] | undefined, issue: LineIssue): LineIssue[] {
  if (issues === undefined) return [issue];
  issues.push(issue);
  return issues;
}

function compileProduct(product: ProductRef): CompiledProduct {
  const reader = new DecimalReader('.', '');
  const factors = new Map<string, Factor>();
  for (const conversion of product.uomConversions) {
    if (reader.read(conversion.factor) === decimalOk && !reader.negative && reader.units > 0) {
      factors.set(conversion.uom.toUpperCase(), { units: reader.units, scale: reader.scale });
    }
  }
  return { sku: product.sku, category: product.category, baseUom: product.baseUom, factors };
}

const cell = (cells: readonly string[], column: number): string => (column < 0 ? '' : (cells[column] ?? ''));

/** A cell without surrounding blanks; checks the ends first because `trim` is rarely needed. */
function text(cells: readonly string[], column: number): string {
  if (column < 0) return '';
  const value = cells[column];
  if (value === undefined || value.length === 0) return '';
  if (value.charCodeAt(0) > 32 && value.charCodeAt(value.length - 1) > 32) return value;
  return value.trim();
}

/** Resolution of SKUs with a per-file cache of compiled products (hits only, so junk SKUs cannot grow it). */
class ProductResolver {
  private readonly cache = new Map<string, CompiledProduct>();
  constructor(private readonly products: ProductLookup) {}

  resolve(sku: string): CompiledProduct | undefined {
    const cached = this.cache.get(sku);
    if (cached !== undefined) return cached;
    const product = this.products.resolve(sku);
    if (product === undefined) return undefined;
    const compiled = compileProduct(product);
    this.cache.set(sku, compiled);
    return compiled;
  }
}

/** Shared work of both line kinds: columns, parsers, product resolution, issue collection. */
abstract class BaseNormalizer {
  protected readonly dates: DateCodec;
  protected readonly numbers: DecimalReader;
  protected readonly resolver: ProductResolver;
  protected readonly width: number;
  protected readonly customColumns: readonly { readonly name: string; readonly column: number }[];
  protected readonly defaultUom: string;
  protected readonly skuColumn: number;
  protected readonly partnerSkuColumn: number;
  protected readonly uomColumn: number;
  protected readonly warehouseColumn: number;
  /** The product of the last `resolveProduct` call. */
  protected product: CompiledProduct | undefined;

  constructor(
    protected readonly settings: NormalizerSettings,
    columns: CompiledColumns,
    protected readonly sink: LineSink,
  ) {
    this.dates = compileDateFormat(settings.dateFormat);
    this.numbers = new DecimalReader(settings.decimalSeparator, settings.thousandsSeparator);
    this.resolver = new ProductResolver(settings.products);
    this.width = columns.width;
    this.customColumns = columns.customColumns.filter((custom) => custom.name !== '__proto__');
    this.defaultUom = settings.defaultUom ?? '';
    this.skuColumn = columns.fieldColumns.get('sku') ?? -1;
    this.partnerSkuColumn = columns.fieldColumns.get('partnerSku') ?? -1;
    this.uomColumn = columns.fieldColumns.get('uom') ?? -1;
    this.warehouseColumn = columns.fieldColumns.get('warehouse') ?? -1;
  }

  /** Checks the record is not wider than the header with data in the extra cells. */
  protected extraCellsIssue(cells: readonly string[]): LineIssue | undefined {
    if (this.width === 0 || cells.length <= this.width) return undefined;
    for (let index = this.width; index < cells.length; index++) {
      if ((cells[index] ?? '').trim() !== '') {
        return { field: 'line', message: `has ${cells.length} fields but the header has ${this.width}` };
      }
    }
    return undefined;
  }

  /** Resolves our product from `sku`, else `partnerSku`; sets `this.product` or returns the issue. */
  protected resolveProduct(sku: string, partnerSku: string): LineIssue | undefined {
    let product: CompiledProduct | undefined;
    if (sku !== '') product = this.resolver.resolve(sku);
    if (product === undefined && partnerSku !== '') product = this.resolver.resolve(partnerSku);
    this.product = product;
    if (product !== undefined) return undefined;
    if (sku === '' && partnerSku === '') return { field: 'sku', message: 'is required (sku or partner SKU)' };
    return sku !== ''
      ? {
          field: 'sku',
          message: `unknown product '${sku}'${partnerSku === '' ? '' : ` (partner SKU '${partnerSku}')`}`,
        }
      : { field: 'partnerSku', message: `unknown product '${partnerSku}'` };
  }

  /** The reported UoM of the record (cell, profile default, else the product's base unit). */
  protected reportedUom(cells: readonly string[], product: CompiledProduct): string {
    const uom = text(cells, this.uomColumn);
    if (uom !== '') return uom === product.baseUom || product.factors.has(uom) ? uom : uom.toUpperCase();
    return this.defaultUom === '' ? product.baseUom : this.defaultUom;
  }

  protected customAttributes(cells: readonly string[]): Record<string, string> {
    const custom: Record<string, string> = {};
    for (const { name, column } of this.customColumns) {
      const value = text(cells, column);
      if (value !== '') custom[name] = value;
    }
    return custom;
  }
}

/** Canonical text of the number the reader just read: the input itself when already canonical (no allocation). */
function readText(reader: DecimalReader, input: string, minScale: number): string {
  if (reader.plain && reader.writtenDecimals === Math.max(reader.scale, minScale)) return input;
  return decimalString(reader.units, reader.scale, reader.negative, minScale);
}

/**
 * Converts `units × 10^-scale` in `uom` into the product's base unit; the result is left in `base.units` /
 * `base.scale`. Returns false when the product has no conversion from that unit.
 */
function toBase(
  product: CompiledProduct,
  uom: string,
  units: number,
  scale: number,
  base: { units: Units; scale: number },
): boolean {
  if (uom === product.baseUom) {
    base.units = units;
    base.scale = scale;
    return true;
  }
  const factor = product.factors.get(uom);
  if (factor === undefined) return false;
  base.units = multiplyUnits(units, factor.units);
  base.scale = scale + factor.scale;
  return true;
}

const conversionIssue = (product: CompiledProduct, uom: string): LineIssue => ({
  field: 'uom',
  message: `product '${product.sku}' has no conversion from '${uom}' to '${product.baseUom}'`,
});

/** Normalizes POS records: dates, product, quantity in base unit, price and amount checked to the cent. */
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

    const invoiceNumber = text(cells, this.invoiceNumberColumn);
    if (invoiceNumber === '') issues = withIssue(issues, { field: 'invoiceNumber', message: 'is required' });
    else if (invoiceNumber.length > 100) {
      issues = withIssue(issues, { field: 'invoiceNumber', message: 'is longer than 100 characters' });
    }

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
      custom: this.customColumns.length === 0 ? {} : this.customAttributes(cells),
    };
    if (shipDate !== undefined && shipDate !== '') line.shipDate = shipDate;
    if (orderDate !== undefined && orderDate !== '') line.orderDate = orderDate;
    if (partnerSku !== '') line.partnerSku = partnerSku;
    if (unitPrice !== '') line.unitPrice = unitPrice;
    let value = optionalText(cells, this.endCustomerIdColumn);
    if (value !== '') line.endCustomerId = value;
    value = optionalText(cells, this.endCustomerNameColumn);
    if (value !== '') line.endCustomerName = value;
    value = optionalText(cells, this.billToColumn);
    if (value !== '') line.billTo = value;
    value = optionalText(cells, this.shipToColumn);
    if (value !== '') line.shipTo = value;
    value = optionalText(cells, this.orderTypeColumn);
    if (value !== '') line.orderType = value;
    value = optionalText(cells, this.salespersonColumn);
    if (value !== '') line.salesperson = value;
    value = optionalText(cells, this.warehouseColumn);
    if (value !== '') line.warehouse = value;
    this.sink.accept(line, sourceLineNumber);
  }

  private dateIssue(field: string, value: string): LineIssue {
    return value.trim() === ''
      ? { field, message: 'is required' }
      : { field, message: `'${value}' is not a valid date in the format ${this.settings.dateFormat}` };
  }
}

/** A free-text cell, trimmed and bounded. */
function optionalText(cells: readonly string[], column: number): string {
  const value = text(cells, column);
  return value.length > maxTextLength ? value.slice(0, maxTextLength) : value;
}

const inventoryQuantityFields = [
  'quantityOnHand',
  'quantityReceived',
  'quantityOnOrder',
  'quantityInTransit',
  'quantitySold',
] as const satisfies readonly InventoryField[];

/** Normalizes inventory records: as-of date, product, each reported quantity converted to the base unit. */
export class InventoryLineNormalizer extends BaseNormalizer implements LineNormalizer {
  private readonly asOfColumn: number;
  private readonly quantityColumns: readonly (readonly [(typeof inventoryQuantityFields)[number], number])[];

  constructor(settings: NormalizerSettings, columns: CompiledColumns, sink: LineSink) {
    super(settings, columns, sink);
    this.asOfColumn = columns.fieldColumns.get('asOfDate') ?? -1;
    this.quantityColumns = inventoryQuantityFields
      .map((field) => [field, columns.fieldColumns.get(field) ?? -1] as const)
      .filter(([, column]) => column >= 0);
  }

  normalize(cells: readonly string[], sourceLineNumber: number, raw: string): void {
    let issues: LineIssue[] | undefined;
    const extra = this.extraCellsIssue(cells);
    if (extra !== undefined) issues = [extra];

    const asOfText = cell(cells, this.asOfColumn);
    const asOfDate = this.dates.parse(asOfText);
    if (asOfDate === undefined) {
      issues = withIssue(
        issues,
        asOfText.trim() === ''
          ? { field: 'asOfDate', message: 'is required' }
          : {
              field: 'asOfDate',
              message: `'${asOfText}' is not a valid date in the format ${this.settings.dateFormat}`,
            },
      );
    }
    const sku = text(cells, this.skuColumn);
    const partnerSku = text(cells, this.partnerSkuColumn);
    const productIssue = this.resolveProduct(sku, partnerSku);
    if (productIssue !== undefined) issues = withIssue(issues, productIssue);
    const product = this.product;
    const reportedUom = product === undefined ? '' : this.reportedUom(cells, product);

    const quantities: [string, string][] = [];
    for (const [field, column] of this.quantityColumns) {
      const value = cells[column] ?? '';
      const status = this.numbers.read(value);
      if (status === decimalEmpty) continue;
      if (status !== decimalOk) {
        issues = withIssue(issues, { field, message: statusMessage(status, value) });
        continue;
      }
      if (product === undefined) continue;
      const negative = this.numbers.negative;
      const base = { units: 0 as Units, scale: 0 };
      if (!toBase(product, reportedUom, this.numbers.units, this.numbers.scale, base)) {
        issues = withIssue(issues, conversionIssue(product, reportedUom));
        break;
      }
      if (isAbsurd(base.units, base.scale)) {
        issues = withIssue(issues, {
          field,
          message: `'${value}' ${reportedUom} is beyond ±1,000,000,000 ${product.baseUom}`,
        });
        continue;
      }
      quantities.push([field, decimalString(base.units, base.scale, negative)]);
    }
    if (issues === undefined && quantities.length === 0) {
      issues = [{ field: 'quantityOnHand', message: 'the line reports no quantity' }];
    }
    if (issues !== undefined || product === undefined || asOfDate === undefined) {
      this.sink.reject({ sourceLineNumber, raw, reasons: issues ?? [] });
      return;
    }
    const line: InventorySnapshotLine = {
      partnerId: this.settings.partnerId,
      sourceFileId: this.settings.sourceFileId,
      sourceLineNumber,
      sku: product.sku,
      asOfDate,
      uom: product.baseUom,
    };
    if (partnerSku !== '') line.partnerSku = partnerSku;
    for (const [field, value] of quantities) line[field as (typeof inventoryQuantityFields)[number]] = value;
    const warehouse = text(cells, this.warehouseColumn);
    if (warehouse !== '') line.warehouse = warehouse;
    this.sink.accept(line, sourceLineNumber);
  }
}
