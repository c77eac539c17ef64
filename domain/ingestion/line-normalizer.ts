import { currencyMinorUnits } from '../shared/money/money';
import { compileDateFormat, type DateCodec } from './date-text';
import {
  DecimalReader,
  type DecimalStatus,
  decimalAbsurd,
  decimalInvalid,
  decimalOk,
  decimalString,
  decimalTooPrecise,
  maxDecimals,
  multiplyUnits,
  type Units,
} from './decimal-text';
import { customValueLengthLimit, fieldLengthLimits, tooLongIssue } from './field-limits';
import type {
  InventorySnapshotLine,
  LineIssue,
  NormalizedSaleLine,
  ProductLookup,
  ProductRef,
  RejectedLine,
} from './ingest-types';
import type { DateFormat } from './mapping-profile';

type FieldName = keyof typeof fieldLengthLimits;

/** Receives normalized and rejected lines in file order. */
export interface LineSink {
  accept(line: NormalizedSaleLine | InventorySnapshotLine, sourceLineNumber: number, raw: string): void;
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

export interface Factor {
  readonly units: number;
  readonly scale: number;
}

/** A product with its UoM factors parsed once, so conversions on the hot path are integer multiplications. */
export interface CompiledProduct {
  readonly sku: string;
  readonly category: string;
  readonly baseUom: string;
  readonly factors: ReadonlyMap<string, Factor>;
}

export const minorUnitsByCurrency: ReadonlyMap<string, number> = new Map(Object.entries(currencyMinorUnits));

export const statusMessage = (status: DecimalStatus, text: string): string => {
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
export function withIssue(issues: LineIssue[] | undefined, issue: LineIssue): LineIssue[] {
  if (issues === undefined) return [issue];
  issues.push(issue);
  return issues;
}

export function compileProduct(product: ProductRef): CompiledProduct {
  const reader = new DecimalReader('.', '');
  const factors = new Map<string, Factor>();
  for (const conversion of product.uomConversions) {
    if (reader.read(conversion.factor) === decimalOk && !reader.negative && reader.units > 0) {
      factors.set(conversion.uom.toUpperCase(), { units: reader.units, scale: reader.scale });
    }
  }
  return { sku: product.sku, category: product.category, baseUom: product.baseUom, factors };
}

export const cell = (cells: readonly string[], column: number): string =>
  column < 0 ? '' : (cells[column] ?? '');

/** A cell without surrounding blanks; checks the ends first because `trim` is rarely needed. */
export function text(cells: readonly string[], column: number): string {
  if (column < 0) return '';
  const value = cells[column];
  if (value === undefined || value.length === 0) return '';
  if (value.charCodeAt(0) > 32 && value.charCodeAt(value.length - 1) > 32) return value;
  return value.trim();
}

/** Resolution of SKUs with a per-file cache of compiled products (hits only, so junk SKUs cannot grow it). */
export class ProductResolver {
  private readonly cache = new Map<string, CompiledProduct>();
  constructor(private readonly products: ProductLookup) {}

  private readonly partnerCache = new Map<string, CompiledProduct>();

  resolve(sku: string): CompiledProduct | undefined {
    return this.cached(this.cache, sku, (key) => this.products.resolve(key));
  }

  resolvePartnerSku(partnerSku: string): CompiledProduct | undefined {
    return this.cached(this.partnerCache, partnerSku, (key) => this.products.resolvePartnerSku(key));
  }

  private cached(
    cache: Map<string, CompiledProduct>,
    key: string,
    lookup: (key: string) => ProductRef | undefined,
  ): CompiledProduct | undefined {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const product = lookup(key);
    if (product === undefined) return undefined;
    const compiled = compileProduct(product);
    cache.set(key, compiled);
    return compiled;
  }
}

/** Shared work of both line kinds: columns, parsers, product resolution, issue collection. */
export abstract class BaseNormalizer {
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
  /** Mapped fields with their length limit, checked on every record. */
  private readonly lengthChecks: readonly (readonly [string, number, number])[];
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
    this.lengthChecks = [
      ...[...columns.fieldColumns]
        .filter(([field, column]) => column >= 0 && field in fieldLengthLimits)
        .map(([field, column]) => [field, column, fieldLengthLimits[field as FieldName]] as const),
      ...this.customColumns.map(
        ({ name, column }) => [`custom.${name}`, column, customValueLengthLimit] as const,
      ),
    ];
  }

  /** Adds an issue for each mapped value longer than its field's limit (see field-limits.ts). */
  protected lengthIssues(cells: readonly string[], issues: LineIssue[] | undefined): LineIssue[] | undefined {
    let found = issues;
    for (const [field, column, limit] of this.lengthChecks) {
      const value = cells[column];
      if (value === undefined || value.length <= limit) continue;
      const length = text(cells, column).length;
      if (length > limit) found = withIssue(found, tooLongIssue(field, length, limit));
    }
    return found;
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
    if (product === undefined && partnerSku !== '') {
      product = this.resolver.resolvePartnerSku(partnerSku);
    }
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
export function readText(reader: DecimalReader, input: string, minScale: number): string {
  if (reader.plain && reader.writtenDecimals === Math.max(reader.scale, minScale)) return input;
  return decimalString(reader.units, reader.scale, reader.negative, minScale);
}

/**
 * Converts `units × 10^-scale` in `uom` into the product's base unit; the result is left in `base.units` /
 * `base.scale`. Returns false when the product has no conversion from that unit.
 */
export function toBase(
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

export const conversionIssue = (product: CompiledProduct, uom: string): LineIssue => ({
  field: 'uom',
  message: `product '${product.sku}' has no conversion from '${uom}' to '${product.baseUom}'`,
});
