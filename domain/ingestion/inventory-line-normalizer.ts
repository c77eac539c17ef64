import { decimalEmpty, decimalOk, decimalString, isAbsurd, type Units } from './decimal-text';
import { storedSizeIssue } from './field-limits';
import type { InventorySnapshotLine, LineIssue } from './ingest-types';
import {
  BaseNormalizer,
  type CompiledColumns,
  cell,
  conversionIssue,
  type LineNormalizer,
  type LineSink,
  type NormalizerSettings,
  statusMessage,
  text,
  toBase,
  withIssue,
} from './line-normalizer';
import type { InventoryField } from './mapping-profile';

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
  /** The record's quantities in the base unit, by position in `quantityColumns` ('' = not reported). */
  private readonly quantities: string[];
  private readonly base: { units: Units; scale: number } = { units: 0, scale: 0 };

  constructor(settings: NormalizerSettings, columns: CompiledColumns, sink: LineSink) {
    super(settings, columns, sink);
    this.asOfColumn = columns.fieldColumns.get('asOfDate') ?? -1;
    this.quantityColumns = inventoryQuantityFields
      .map((field) => [field, columns.fieldColumns.get(field) ?? -1] as const)
      .filter(([, column]) => column >= 0);
    this.quantities = this.quantityColumns.map(() => '');
  }

  normalize(cells: readonly string[], sourceLineNumber: number, raw: string): void {
    let issues: LineIssue[] | undefined;
    const extra = this.extraCellsIssue(cells);
    if (extra !== undefined) issues = [extra];
    issues = this.lengthIssues(cells, issues);

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

    const quantities = this.quantities.fill('');
    let reported = 0;
    let position = -1;
    for (const [field, column] of this.quantityColumns) {
      position++;
      const value = cells[column] ?? '';
      const status = this.numbers.read(value);
      if (status === decimalEmpty) continue;
      if (status !== decimalOk) {
        issues = withIssue(issues, { field, message: statusMessage(status, value) });
        continue;
      }
      if (product === undefined) continue;
      const negative = this.numbers.negative;
      const base = this.base;
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
      quantities[position] = decimalString(base.units, base.scale, negative);
      reported++;
    }
    if (issues === undefined && reported === 0) {
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
    position = 0;
    for (const [field] of this.quantityColumns) {
      const value = quantities[position++];
      if (value !== undefined && value !== '') line[field] = value;
    }
    const warehouse = text(cells, this.warehouseColumn);
    if (warehouse !== '') line.warehouse = warehouse;
    const oversize = storedSizeIssue(line);
    if (oversize !== undefined) this.sink.reject({ sourceLineNumber, raw, reasons: [oversize] });
    else this.sink.accept(line, sourceLineNumber, raw);
  }
}
