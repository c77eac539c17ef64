/**
 * The contract of channel-file ingestion: the types the pure parser takes and hands back. Only types live
 * here, so every module of `domain/ingestion` can use them without importing the parser back.
 */
import type { ChannelDataKind } from './channel-file-kind';
import type { MappingProfile } from './mapping-profile';

/** Our product as ingestion needs it: base unit and the conversions `1 <uom> = factor × base unit`. */
export interface ProductRef {
  sku: string;
  category: string;
  baseUom: string;
  uomConversions: readonly { uom: string; factor: string }[];
}

/** Resolves SKUs to our products (preloaded in memory by the caller). */
export interface ProductLookup {
  /** Our SKU. */
  resolve(sku: string): ProductRef | undefined;
  /** The partner's own item number, through its cross-reference (falling back to our SKU). */
  resolvePartnerSku(partnerSku: string): ProductRef | undefined;
}

/**
 * One normalized line of a partner's sell-through report. Quantities are decimal strings in the product's
 * base unit (negative = return); amounts are decimal strings in `currency`.
 */
export interface NormalizedSaleLine {
  partnerId: string;
  sourceFileId: string;
  /** Physical line (CSV), row (XLSX) or segment number (X12) where the record starts, 1-based. */
  sourceLineNumber: number;
  invoiceNumber: string;
  /** The partner's invoice line; when the file has none, the source line number (stable across re-runs). */
  invoiceLine: string;
  /** ISO date YYYY-MM-DD. */
  invoiceDate: string;
  shipDate?: string;
  orderDate?: string;
  /** Our SKU. */
  sku: string;
  partnerSku?: string;
  category: string;
  /** Quantity in the base unit, e.g. "36" for 3 CS of 12; negative for returns. */
  quantity: string;
  /** The base unit of `quantity`. */
  uom: string;
  /** The quantity as the partner reported it (normalized decimal), in `reportedUom`. */
  reportedQuantity: string;
  reportedUom: string;
  /** Price per `reportedUom`, at least the currency's minor units, e.g. "12.50". */
  unitPrice?: string;
  /** As reported, or reportedQuantity × unitPrice rounded half-even to the currency's minor units. */
  extendedAmount: string;
  currency: string;
  endCustomerId?: string;
  endCustomerName?: string;
  billTo?: string;
  shipTo?: string;
  orderType?: string;
  salesperson?: string;
  warehouse?: string;
  custom: Record<string, string>;
}

/**
 * One product's reported inventory at a partner on a date. `quantityOnHand` is absent when the partner reported
 * only activity (e.g. an X12 852 with ZA*QS sold quantities and no ZA*QA on-hand quantity).
 */
export interface InventorySnapshotLine {
  partnerId: string;
  sourceFileId: string;
  sourceLineNumber: number;
  sku: string;
  partnerSku?: string;
  /** ISO date YYYY-MM-DD. */
  asOfDate: string;
  /** Base unit of every quantity below. */
  uom: string;
  quantityOnHand?: string;
  quantityReceived?: string;
  quantityOnOrder?: string;
  quantityInTransit?: string;
  quantitySold?: string;
  warehouse?: string;
}

/** One reason a line was refused: the canonical field (or `line`) and a message a partner can act on. */
export interface LineIssue {
  field: string;
  message: string;
}

/** A line that could not be normalized, kept with its raw content so nothing is lost. */
export interface RejectedLine {
  sourceLineNumber: number;
  raw: string;
  reasons: readonly LineIssue[];
}

/**
 * Consecutive records of a file. `lastLineNumber` is the source line number of the last record in the batch:
 * after storing the batch, a caller may checkpoint it and resume later with `startAfterLine`.
 */
export interface ParsedBatch {
  accepted: (NormalizedSaleLine | InventorySnapshotLine)[];
  rejected: RejectedLine[];
  /** The raw text of each accepted line, for a rejection found only when it is stored (a duplicate key). */
  rawText: ReadonlyMap<NormalizedSaleLine | InventorySnapshotLine, string>;
  lastLineNumber: number;
}

/** Options of `parseChannelFile`. */
export interface ParseChannelFileOptions {
  kind: ChannelDataKind;
  fileName: string;
  contentType: string;
  partnerId: string;
  sourceFileId: string;
  profile: MappingProfile;
  products: ProductLookup;
  /** Records (accepted + rejected) per batch; default 500. */
  batchSize?: number;
  /** Resume: records whose sourceLineNumber is ≤ this are skipped. */
  startAfterLine?: number;
}
