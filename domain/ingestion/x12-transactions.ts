import type { ChannelFileKind } from './channel-file-kind';
import { fileRejected } from './file-rejected-error';
import type { CompiledColumns, LineNormalizer, LineSink } from './line-normalizer';
import { ProductActivityReader, productActivityColumns } from './x12-852-product-activity';
import { ProductTransferReader, productTransferColumns } from './x12-867-product-transfer';
import type { X12Delimiters } from './x12-segments';
import type { X12TransactionSet } from './x12-transaction-set';

/** Identity columns: X12 items are assembled directly in canonical field order, custom attributes after. */
export function x12Columns(kind: ChannelFileKind): CompiledColumns {
  return kind === 'pos' ? productTransferColumns : productActivityColumns;
}

/**
 * Reads the transactions of an X12 interchange: 867 (product transfer and resale report) into sale records or
 * 852 (product activity data) into inventory records, as the file kind expects. ST opens a transaction of that
 * set, SE/GE/IEA close it, CTT closes the open item; the segments in between go to the set's reader.
 */
export class X12Transactions {
  private readonly transactionSet: X12TransactionSet;
  private inTransaction = false;

  constructor(
    private readonly kind: ChannelFileKind,
    normalizer: LineNormalizer,
    sink: LineSink,
    startAfterLine: number,
    private readonly delimiters: () => X12Delimiters | undefined,
  ) {
    const target = { normalizer, sink, startAfterLine };
    this.transactionSet =
      kind === 'pos' ? new ProductTransferReader(target) : new ProductActivityReader(target);
  }

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
      this.transactionSet.closeItem();
      return;
    }
    if (this.inTransaction) this.transactionSet.onSegment(id, elements, segmentNumber, raw);
  };

  /** Refuses a file without any item once everything was read. */
  finish(): void {
    this.closeTransaction();
    if (this.transactionSet.items > 0) return;
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
    this.inTransaction = true;
    const delimiters = this.delimiters();
    this.transactionSet.start(delimiters?.component, delimiters?.segment ?? '~');
  }

  private closeTransaction(): void {
    this.transactionSet.closeItem();
    this.inTransaction = false;
  }
}
