import { isCalendarDate } from '../ingestion/date-text';
import { FileRejectedError } from '../ingestion/file-rejected-error';
import { elementReader, n1Party, productIds, x12Date } from '../ingestion/x12-elements';
import { X12SegmentReader } from '../ingestion/x12-segments';
import { type CurrencyCode, currencyCodeSchema, currencyMinorUnits } from '../shared/money/money';
import { formatScaled } from '../shared/money/scaled-integer';
import { isPlainDecimal, parsePrice } from './debit-amount';
import { maxAuthorizedQuantity } from './debit-authorization';
import type { DebitClaimLine } from './debit-claim-line';
import { X12EnvelopeCheck, type X12FileError, type X12Interchange } from './x12-envelope-check';

/** A party named by an N1 segment: its id (N104) and name (N102). */
export interface X12Party {
  readonly id: string;
  readonly name: string;
}

/** Why an 844 line could not become a claim line, with the X12 901 code the 849 answers it with. */
export interface RejectedDebitClaimLine {
  readonly lineNumber: number;
  readonly segment: number;
  readonly code: 'missing_data' | 'invalid_value' | 'unknown_qualifier';
  /** 15 "Required application data missing" or 33 "Input errors". */
  readonly x12Code: '15' | '33';
  readonly message: string;
  readonly productSku: string;
  readonly invoiceNumber: string;
}

/** One 844 transaction set: a debit claim under one authorization. */
export interface DebitClaim844 {
  readonly transactionControlNumber: string;
  /** The partner's debit memo number (BAA05). */
  readonly claimNumber: string;
  readonly claimDate: string;
  readonly currency: CurrencyCode | undefined;
  readonly distributor: X12Party;
  readonly supplier: X12Party;
  readonly authorizationNumber: string;
  readonly lines: DebitClaimLine[];
  readonly rejectedLines: RejectedDebitClaimLine[];
  /** Claim-level problems (missing header segments, totals that do not add up). */
  readonly errors: X12FileError[];
}

/** An 844 file read: file-level errors, the interchange header and its claims. */
export interface ParsedDebitClaimFile {
  readonly interchange: X12Interchange | undefined;
  readonly errors: X12FileError[];
  readonly claims: DebitClaim844[];
}

const wholeUnits = /^\d{1,10}$/;

/** CCYYMMDD (or YYMMDD) as an ISO date, or undefined when it is not a calendar date. */
function isoDate(text: string): string | undefined {
  const date = x12Date(text);
  if (!/^\d{8}$/.test(date)) return undefined;
  const [year, month, day] = [date.slice(0, 4), date.slice(4, 6), date.slice(6, 8)];
  return isCalendarDate(Number(year), Number(month), Number(day)) ? `${year}-${month}-${day}` : undefined;
}

type LineProblem = Pick<RejectedDebitClaimLine, 'code' | 'message'>;

/** The first thing missing or unreadable in a closed line's content, if any. */
function contentProblem(
  line: OpenLine,
  endCustomerId: string,
  shipDate: string | undefined,
): LineProblem | undefined {
  const missing = [
    ['LIN product id', line.productSku],
    ['REF*IV invoice number', line.invoiceNumber],
    ['DTM*011 ship date', line.shipDate],
    ['N1*EN end customer', endCustomerId],
    ['QTY*39 quantity', line.quantity],
    ['UIT*DI book cost', line.bookCost],
    ['UIT*CT authorized cost', line.authorizedCost],
    ['AMT*1 amount', line.amount],
  ].find(([, value]) => value === '');
  if (missing !== undefined) return { code: 'missing_data', message: `the line has no ${missing[0]}` };
  if (shipDate === undefined)
    return { code: 'invalid_value', message: `ship date '${line.shipDate}' is not a date` };
  const quantity = Number(line.quantity);
  if (!wholeUnits.test(line.quantity) || quantity <= 0 || quantity > maxAuthorizedQuantity) {
    return {
      code: 'invalid_value',
      message: `quantity '${line.quantity}' is not a positive whole number of units up to 1e9`,
    };
  }
  const price = [line.bookCost, line.authorizedCost, line.amount, line.resalePrice].find(
    (value) => value !== '' && !isPlainDecimal(value),
  );
  return price === undefined
    ? undefined
    : { code: 'invalid_value', message: `'${price}' is not a non-negative decimal amount` };
}

interface OpenLine {
  lineNumber: number;
  segment: number;
  productSku: string;
  invoiceNumber: string;
  invoiceLine: string;
  shipDate: string;
  endCustomerId: string;
  quantity: string;
  bookCost: string;
  authorizedCost: string;
  resalePrice: string;
  amount: string;
  problem: LineProblem | undefined;
}

/**
 * Reads an ANSI X12 844 (4010) product transfer account adjustment into ship & debit claim lines:
 * ST BAA CUR N1(DS, SU) CON DTM N1(EN) | PAD { LIN UIT(DI book, CT authorized, RS resale) QTY(39) AMT(1) REF(IV,
 * LI) DTM(011 ship date) N1(EN) } | CTT AMT(TT) SE, checking envelopes, counts and totals. Never throws: a
 * malformed file comes back as errors (file-level, claim-level or per line, each with a code).
 */
export function parseDebitClaim844(text: string): ParsedDebitClaimFile {
  const envelope = new X12EnvelopeCheck();
  const errors: X12FileError[] = [];
  const claims: DebitClaim844[] = [];
  let claim: ClaimBuilder | undefined;
  let lastSegment = 0;
  const reader = new X12SegmentReader((elements, segment) => {
    lastSegment = segment;
    const id = (elements[0] ?? '').trim();
    const wasOpen = envelope.inTransaction;
    envelope.onSegment(id, elements, segment);
    if (id === 'ST') {
      claim?.close(segment);
      claim = undefined;
      if ((elements[1] ?? '').trim() === '844') {
        claim = new ClaimBuilder((elements[2] ?? '').trim());
        claims.push(claim.claim);
      } else {
        errors.push({
          code: 'wrong_transaction_set',
          message: `transaction set ${(elements[1] ?? '').trim()} is not an 844`,
          segment,
        });
      }
    } else if (id === 'SE' || (wasOpen && !envelope.inTransaction)) {
      claim?.close(segment);
      claim = undefined;
    } else if (claim !== undefined && envelope.inTransaction) {
      claim.onSegment(id, elements, segment);
    }
  });
  try {
    reader.push(text);
    reader.end();
  } catch (error) {
    if (!(error instanceof FileRejectedError)) throw error;
    errors.push(...error.reasons.map((reason) => ({ code: 'malformed' as const, message: reason.message })));
  }
  claim?.close(lastSegment);
  envelope.finish(lastSegment);
  errors.unshift(...envelope.errors);
  if (claims.length === 0)
    errors.push({ code: 'no_transaction', message: 'the file has no 844 transaction set' });
  return { interchange: envelope.interchange, errors, claims };
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Assembles one 844 transaction set. */
class ClaimBuilder {
  readonly claim: Writable<DebitClaim844>;
  private headerEndCustomer = '';
  private line: OpenLine | undefined;
  /** CTT01 line count and CTT02 quantity hash, and AMT*TT, each with its segment. */
  private transactionTotals: { lines: string; quantity: string; segment: number } | undefined;
  private amountTotal: { amount: string; segment: number } | undefined;
  private seen = new Set<string>();
  private closed = false;

  constructor(controlNumber: string) {
    this.claim = {
      transactionControlNumber: controlNumber,
      claimNumber: '',
      claimDate: '',
      currency: undefined,
      distributor: { id: '', name: '' },
      supplier: { id: '', name: '' },
      authorizationNumber: '',
      lines: [],
      rejectedLines: [],
      errors: [],
    };
  }

  onSegment(id: string, elements: readonly string[], segment: number): void {
    const element = elementReader(elements);
    this.seen.add(id);
    const claim = this.claim;
    const line = this.line;
    switch (id) {
      case 'BAA':
        claim.claimDate = isoDate(element(3)) ?? '';
        claim.claimNumber = element(5);
        return;
      case 'CUR': {
        const currency = currencyCodeSchema.safeParse(element(2));
        if (currency.success) claim.currency = currency.data;
        else this.error('unknown_qualifier', `CUR02 '${element(2)}' is not a currency ChRM accepts`, segment);
        return;
      }
      case 'CON':
        if (element(1) === 'CT') claim.authorizationNumber = element(2);
        else this.error('unknown_qualifier', `CON01 '${element(1)}' is not CT (contract number)`, segment);
        return;
      case 'N1': {
        const party = { id: n1Party(element), name: element(2) };
        if (element(1) === 'DS') claim.distributor = party;
        else if (element(1) === 'SU') claim.supplier = party;
        else if (element(1) === 'EN') {
          if (line === undefined) this.headerEndCustomer = party.id;
          else line.endCustomerId = party.id;
        }
        return;
      }
      case 'PAD':
        this.closeLine();
        this.line = this.openLine(element(1), segment);
        if (element(2) !== 'SD')
          this.problem('unknown_qualifier', `PAD02 '${element(2)}' is not SD (ship and debit)`);
        return;
      case 'CTT':
        this.closeLine();
        this.transactionTotals = { lines: element(1), quantity: element(2), segment };
        return;
      case 'AMT':
        if (line === undefined) {
          if (element(1) === 'TT') this.amountTotal = { amount: element(2), segment };
          return;
        }
        if (element(1) === '1') line.amount = element(2);
        return;
      default:
        if (line !== undefined) this.onLineSegment(line, id, elements);
    }
  }

  private onLineSegment(line: OpenLine, id: string, elements: readonly string[]): void {
    const element = elementReader(elements);
    switch (id) {
      case 'LIN': {
        const ids = { sku: '', partnerSku: '' };
        productIds(elements, 2, ids);
        line.productSku = ids.sku || ids.partnerSku;
        return;
      }
      case 'UIT': {
        const basis = element(3);
        if (basis === 'DI') line.bookCost = element(2);
        else if (basis === 'CT') line.authorizedCost = element(2);
        else if (basis === 'RS') line.resalePrice = element(2);
        else this.problem('unknown_qualifier', `UIT03 '${basis}' is not DI, CT or RS`);
        return;
      }
      case 'QTY':
        if (element(1) === '39') line.quantity = element(2);
        else this.problem('unknown_qualifier', `QTY01 '${element(1)}' is not 39 (shipped quantity)`);
        return;
      case 'REF':
        if (element(1) === 'IV') line.invoiceNumber = element(2);
        else if (element(1) === 'LI') line.invoiceLine = element(2);
        return;
      case 'DTM':
        if (element(1) === '011') line.shipDate = element(2);
        return;
      default:
    }
  }

  /** Closes the transaction at SE (or wherever it ended): last line, required segments, stated totals. */
  close(segment: number): void {
    if (this.closed) return;
    this.closed = true;
    this.closeLine();
    for (const required of ['BAA', 'CUR', 'CON', 'PAD', 'CTT']) {
      if (!this.seen.has(required))
        this.error('missing_segment', `the 844 has no ${required} segment`, segment);
    }
    this.checkTotals();
  }

  /** CTT01 must count the lines; CTT02 (quantity hash) and AMT*TT must add up when every line was readable. */
  private checkTotals(): void {
    const claim = this.claim;
    const count = claim.lines.length + claim.rejectedLines.length;
    const stated = this.transactionTotals;
    if (stated !== undefined && stated.lines !== String(count)) {
      const message = `CTT01 says ${stated.lines || 'nothing'}, the claim has ${count} lines`;
      this.error('totals_mismatch', message, stated.segment);
    }
    if (claim.rejectedLines.length > 0) return;
    const hash = claim.lines.reduce((sum, line) => sum + line.quantity, 0);
    if (stated !== undefined && stated.quantity !== '' && stated.quantity !== String(hash)) {
      const message = `CTT02 says ${stated.quantity}, the quantities add up to ${hash}`;
      this.error('totals_mismatch', message, stated.segment);
    }
    const total = claim.lines.reduce((sum, line) => sum + parsePrice(line.amount), 0n);
    const amount = this.amountTotal;
    if (amount !== undefined && (!isPlainDecimal(amount.amount) || parsePrice(amount.amount) !== total)) {
      const message = `AMT*TT says ${amount.amount}, the lines add up to ${formatScaled(total, 6, claim.currency === undefined ? 0 : currencyMinorUnits[claim.currency])}`;
      this.error('totals_mismatch', message, amount.segment);
    }
  }

  private openLine(padNumber: string, segment: number): OpenLine {
    const position = this.claim.lines.length + this.claim.rejectedLines.length + 1;
    const number = /^\d{1,6}$/.test(padNumber) && Number(padNumber) > 0 ? Number(padNumber) : position;
    return {
      lineNumber: number,
      segment,
      productSku: '',
      invoiceNumber: '',
      invoiceLine: '',
      shipDate: '',
      endCustomerId: '',
      quantity: '',
      bookCost: '',
      authorizedCost: '',
      resalePrice: '',
      amount: '',
      problem: undefined,
    };
  }

  /** Keeps the first problem of the open line. */
  private problem(code: RejectedDebitClaimLine['code'], message: string): void {
    if (this.line !== undefined && this.line.problem === undefined) this.line.problem = { code, message };
  }

  private closeLine(): void {
    const line = this.line;
    if (line === undefined) return;
    this.line = undefined;
    const endCustomerId = line.endCustomerId || this.headerEndCustomer;
    const shipDate = isoDate(line.shipDate);
    if (line.problem === undefined) {
      const problem = contentProblem(line, endCustomerId, shipDate);
      if (problem !== undefined) line.problem = problem;
    }
    const problem = line.problem;
    if (problem !== undefined || shipDate === undefined) {
      this.claim.rejectedLines.push({
        lineNumber: line.lineNumber,
        segment: line.segment,
        code: problem?.code ?? 'invalid_value',
        x12Code: problem?.code === 'missing_data' ? '15' : '33',
        message: problem?.message ?? 'invalid line',
        productSku: line.productSku,
        invoiceNumber: line.invoiceNumber,
      });
      return;
    }
    this.claim.lines.push({
      lineNumber: line.lineNumber,
      authorizationNumber: this.claim.authorizationNumber,
      invoiceNumber: line.invoiceNumber,
      ...(line.invoiceLine === '' ? {} : { invoiceLine: line.invoiceLine }),
      shipDate,
      endCustomerId,
      productSku: line.productSku,
      quantity: Number(line.quantity),
      bookCost: line.bookCost,
      authorizedCost: line.authorizedCost,
      ...(line.resalePrice === '' ? {} : { resalePrice: line.resalePrice }),
      amount: line.amount,
    });
  }

  private error(code: X12FileError['code'], message: string, segment: number): void {
    this.claim.errors.push({ code, message, segment });
  }
}
