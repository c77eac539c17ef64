/** A problem with a whole X12 file or one of its transaction sets, with the segment (1-based) it was found at. */
export interface X12FileError {
  readonly code:
    | 'malformed'
    | 'envelope_missing'
    | 'control_number_mismatch'
    | 'segment_count_mismatch'
    | 'transaction_count_mismatch'
    | 'group_count_mismatch'
    | 'wrong_transaction_set'
    | 'missing_segment'
    | 'unknown_qualifier'
    | 'totals_mismatch'
    | 'no_transaction';
  readonly message: string;
  readonly segment?: number;
}

/** The interchange header of a file, for addressing the response. */
export interface X12Interchange {
  readonly senderId: string;
  readonly receiverId: string;
  readonly controlNumber: string;
  readonly usage: string;
}

const element = (elements: readonly string[], index: number): string => (elements[index] ?? '').trim();

/**
 * Checks an X12 interchange's envelopes as its segments stream by: ISA/IEA, GS/GE and ST/SE nest and
 * close; IEA01 counts the groups, GE01 the transaction sets, SE01 the segments from ST to SE; each trailer
 * repeats its header's control number. Collects errors, never throws.
 */
export class X12EnvelopeCheck {
  readonly errors: X12FileError[] = [];
  interchange: X12Interchange | undefined;
  private groups = 0;
  private interchangeOpen = false;
  private groupControl: string | undefined;
  private transactions = 0;
  private transactionControl: string | undefined;
  private segments = 0;

  /** Whether a transaction set is open (between ST and SE). */
  get inTransaction(): boolean {
    return this.transactionControl !== undefined;
  }

  onSegment(id: string, elements: readonly string[], segment: number): void {
    if (this.transactionControl !== undefined) this.segments++;
    switch (id) {
      case 'ISA':
        if (this.interchangeOpen) this.fail('envelope_missing', 'an ISA opens before the IEA', segment);
        this.interchangeOpen = true;
        this.interchange = {
          senderId: element(elements, 6),
          receiverId: element(elements, 8),
          controlNumber: element(elements, 13),
          usage: element(elements, 15),
        };
        this.groups = 0;
        return;
      case 'GS':
        if (this.interchange === undefined)
          this.fail('envelope_missing', 'GS outside an ISA interchange', segment);
        if (this.groupControl !== undefined)
          this.fail('envelope_missing', 'a GS opens before the GE', segment);
        this.groups++;
        this.groupControl = element(elements, 6);
        this.transactions = 0;
        return;
      case 'ST':
        if (this.groupControl === undefined) this.fail('envelope_missing', 'ST outside a GS group', segment);
        if (this.transactionControl !== undefined) this.closeTransaction(segment);
        this.transactions++;
        this.transactionControl = element(elements, 2);
        this.segments = 1;
        return;
      case 'SE':
        if (this.transactionControl === undefined) {
          this.fail('envelope_missing', 'SE without ST', segment);
          return;
        }
        this.trailer(
          elements,
          this.segments,
          this.transactionControl,
          'SE',
          'segment_count_mismatch',
          segment,
        );
        this.transactionControl = undefined;
        return;
      case 'GE':
        if (this.transactionControl !== undefined) this.closeTransaction(segment);
        if (this.groupControl === undefined) {
          this.fail('envelope_missing', 'GE without GS', segment);
          return;
        }
        this.trailer(
          elements,
          this.transactions,
          this.groupControl,
          'GE',
          'transaction_count_mismatch',
          segment,
        );
        this.groupControl = undefined;
        return;
      case 'IEA':
        if (this.groupControl !== undefined) this.fail('envelope_missing', 'IEA before the GE', segment);
        if (this.interchange === undefined || !this.interchangeOpen) {
          this.fail('envelope_missing', 'IEA without ISA', segment);
          return;
        }
        this.trailer(
          elements,
          this.groups,
          this.interchange.controlNumber,
          'IEA',
          'group_count_mismatch',
          segment,
        );
        this.interchangeOpen = false;
        return;
      default:
        if (this.transactionControl === undefined) {
          this.fail('envelope_missing', `segment ${id} outside an ST/SE transaction set`, segment);
        }
    }
  }

  /** Reports envelopes left open at the end of the file. */
  finish(lastSegment: number): void {
    if (this.interchange === undefined) {
      this.fail('envelope_missing', 'no ISA interchange header', undefined);
      return;
    }
    if (this.transactionControl !== undefined) this.closeTransaction(lastSegment);
    if (this.groupControl !== undefined) this.fail('envelope_missing', 'the GS group has no GE', lastSegment);
    if (this.interchangeOpen) this.fail('envelope_missing', 'the ISA interchange has no IEA', lastSegment);
  }

  private closeTransaction(segment: number): void {
    this.fail('envelope_missing', `transaction set ${this.transactionControl ?? ''} has no SE`, segment);
    this.transactionControl = undefined;
  }

  private trailer(
    elements: readonly string[],
    counted: number,
    control: string,
    id: string,
    countCode: X12FileError['code'],
    segment: number,
  ): void {
    const stated = element(elements, 1);
    if (stated !== String(counted)) {
      this.fail(countCode, `${id}01 says ${stated || 'nothing'}, the file has ${counted}`, segment);
    }
    if (element(elements, 2) !== control) {
      this.fail(
        'control_number_mismatch',
        `${id}02 ${element(elements, 2)} does not repeat ${control}`,
        segment,
      );
    }
  }

  private fail(code: X12FileError['code'], message: string, segment: number | undefined): void {
    this.errors.push(segment === undefined ? { code, message } : { code, message, segment });
  }
}
