import { isCalendarDate } from '../ingestion/date-text';
import type { IsoDate } from '../shared/iso-date';
import { type CurrencyCode, currencyMinorUnits } from '../shared/money/money';
import { formatScaled } from '../shared/money/scaled-integer';
import { authorizationLineCovering, type EndCustomerSegments } from './authorization-coverage';
import type { IndexedAuthorization } from './authorization-index';
import { AuthorizationPrecedence, unquotedAuthorizationNumber } from './authorization-precedence';
import { authorizedUnitCost, debitLineAmount, parsePlainPrice, priceScale } from './debit-amount';
import { type BookCostBasis, type DebitAuthorization, maxAuthorizedQuantity } from './debit-authorization';
import { type DebitClaimLine, invoiceLineKey, invoiceLineKeyHash } from './debit-claim-line';
import { type DebitClaimReason, debitClaimReasons, firstReason } from './debit-claim-reasons';
import { hashOf, KeyFilter } from './key-filter';
import type { PosSaleIndex } from './pos-sale-index';

/** Everything a claim's lines are checked against, each indexed once by the caller. */
export interface DebitClaimValidationContext {
  readonly partnerId: string;
  readonly currency: CurrencyCode;
  /** The day the claim was received (the caller's clock). */
  readonly receivedOn: IsoDate;
  /** Days after the ship date within which a line may be claimed (the program's claim window). */
  readonly claimWindowDays: number;
  /** How far POS quantity may differ from the claimed quantity, in basis points of the claimed quantity. */
  readonly posToleranceBasisPoints: number;
  readonly authorizations: ReadonlyMap<string, IndexedAuthorization>;
  readonly sales: PosSaleIndex;
  /** `invoiceLineKey`s of invoice lines earlier claims already hold. */
  readonly claimedInvoiceLines: ReadonlySet<string>;
  /** End customer → segment history, for segment blanket authorizations. */
  readonly endCustomerSegments: EndCustomerSegments;
  /** The reference book cost of a line under an authorization (its price list on the ship date, or acquisition cost); undefined if unknown. */
  readonly bookCostOf: (authorization: DebitAuthorization, line: DebitClaimLine) => string | undefined;
}

/** The outcome of one claim line, as the 849 and the claim record carry it. */
export interface DebitClaimLineResult {
  readonly lineNumber: number;
  readonly outcome: 'approved' | 'partiallyApproved' | 'rejected';
  /** Why the line was cut or rejected, with its X12 901 and 889 codes. */
  readonly reason?: DebitClaimReason;
  readonly x12Code?: string;
  readonly followUp?: string;
  readonly approvedQuantity: number;
  /** Decimal string in the claim currency's minor units. */
  readonly approvedAmount: string;
  /** The basis and book cost the amount was computed on, recorded on every priced line. */
  readonly bookCostBasis?: BookCostBasis;
  readonly bookCost?: string;
  /** The net unit cost the authorization grants on that book cost. */
  readonly authorizedCost?: string;
  /** The authorization a line that quoted none was matched to (`AuthorizationPrecedence`). */
  readonly appliedAuthorizationNumber?: string;
}

/** Days since 1970 of an ISO date; NaN for anything else (2026-02-30 included). */
function isoDay(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) return Number.NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isCalendarDate(year, month, day) ? Date.UTC(year, month - 1, day) / 86_400_000 : Number.NaN;
}

/**
 * What this claim's earlier lines left of one authorization line, and its granted cost on the last book cost
 * seen, kept by that cost's text: the same text is the same cost, and compares without reading a parsed value
 * (another text of the same cost, "2.5" for "2.50", only works the granted cost out again).
 */
interface AuthorizedLineState {
  remaining: number;
  bookText: string | undefined;
  granted: bigint;
  grantedText: string;
}

/**
 * The invoice lines a claim's earlier lines took: an open-addressing table of their `invoiceLineKeyHash`es in
 * typed arrays, at most half full, so a line allocates nothing; the key strings are built only when hashes
 * meet (a repeat, or a rare collision). `has` and then `add` of the same line probe the same, hot, slots.
 */
class InvoiceLinesTaken {
  private readonly hashes: Int32Array;
  private readonly taken: (DebitClaimLine | undefined)[];
  private readonly mask: number;

  constructor(lines: number) {
    let size = 16;
    while (size < lines * 2) size *= 2;
    this.hashes = new Int32Array(size);
    this.taken = new Array<DebitClaimLine | undefined>(size).fill(undefined);
    this.mask = size - 1;
  }

  has(line: DebitClaimLine, hash: number): boolean {
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const taken = this.taken[slot];
      if (taken === undefined) return false;
      if (this.hashes[slot] === hash && invoiceLineKey(taken) === invoiceLineKey(line)) return true;
    }
  }

  add(line: DebitClaimLine, hash: number): void {
    let slot = hash & this.mask;
    while (this.taken[slot] !== undefined) slot = (slot + 1) & this.mask;
    this.hashes[slot] = hash;
    this.taken[slot] = line;
  }
}

/** How many authorization lines `authorizations` index (their slots run from 0). */
function slotCount(authorizations: ReadonlyMap<string, IndexedAuthorization>): number {
  let count = 0;
  for (const indexed of authorizations.values()) {
    for (const authorized of indexed.lines.values()) count = Math.max(count, authorized.slot + 1);
  }
  return count;
}

/** `compute` with its results kept per argument, for values that repeat across a claim's lines. */
function memoized<K, V>(compute: (key: K) => V): (key: K) => V {
  const results = new Map<K, V>();
  return (key) => {
    const known = results.get(key);
    if (known !== undefined || results.has(key)) return known as V;
    const value = compute(key);
    results.set(key, value);
    return value;
  };
}

/**
 * Validates a claim's lines in order against authorizations, remaining quantities, POS data, earlier
 * claims and the claim window; each line gets one result, the first failing rule deciding its reason.
 * Earlier lines of the same claim draw on the remaining quantities and count as claimed invoice lines for
 * later ones. A line quoting no authorization number is matched to the partner's covering authorizations in
 * `AuthorizationPrecedence` order (named end customer before blanket) and records the one applied. Pure: the adapter then reserves the approved quantities atomically (`planQuantityReservation`).
 */
export function validateDebitClaimLines(
  context: DebitClaimValidationContext,
  lines: readonly DebitClaimLine[],
): DebitClaimLineResult[] {
  const minor = currencyMinorUnits[context.currency];
  const zero = formatScaled(0n, minor, minor);
  const received = isoDay(context.receivedOn);
  // Per indexed authorization line (by its slot): the remaining quantity as this claim's earlier lines leave
  // it, and the granted cost, which changes only with the book cost (one per product and date).
  const states = new Array<AuthorizedLineState | undefined>(slotCount(context.authorizations)).fill(
    undefined,
  );
  const toPriceScale = 10n ** BigInt(priceScale - minor);
  // Dates repeat across a file's lines (a few hundred distinct): each is worked out once. Prices are parsed
  // per line: a memo of every distinct one was slower than parsing.
  const dayOf = memoized(isoDay);
  const claimedHere = new InvoiceLinesTaken(lines.length);
  const claimedBefore = new KeyFilter(context.claimedInvoiceLines.size);
  for (const key of context.claimedInvoiceLines) claimedBefore.add(hashOf(key));
  const rejected = (line: DebitClaimLine, reason: DebitClaimReason, priced = {}): DebitClaimLineResult => ({
    lineNumber: line.lineNumber,
    outcome: 'rejected',
    reason,
    x12Code: debitClaimReasons[reason].x12,
    followUp: debitClaimReasons[reason].followUp,
    approvedQuantity: 0,
    approvedAmount: zero,
    ...priced,
  });

  let precedence: AuthorizationPrecedence | undefined;
  // A line that quotes no number takes the first covering authorization, in precedence order, with units
  // left after this claim's earlier lines (else the first: its line then gets 05).
  const unitsLeft = (indexed: IndexedAuthorization, sku: string): number => {
    const authorized = indexed.lines.get(sku);
    if (authorized === undefined) return 0;
    return states[authorized.slot]?.remaining ?? authorized.line.remainingQuantity;
  };
  const matched = (line: DebitClaimLine): IndexedAuthorization | undefined => {
    precedence ??= new AuthorizationPrecedence(context.authorizations.values());
    const covering = precedence.covering(line, context);
    return covering.find((indexed) => unitsLeft(indexed, line.productSku) > 0) ?? covering[0];
  };

  // What the line alone says of its ship date: not a date, in the future, or past the claim window.
  const shipDateFault = (
    line: DebitClaimLine,
  ): 'invalidShipDate' | 'shipDateInFuture' | 'pastExercisePeriod' | undefined => {
    const shipped = dayOf(line.shipDate);
    if (Number.isNaN(shipped)) return 'invalidShipDate';
    if (shipped > received) return 'shipDateInFuture';
    if (received - shipped > context.claimWindowDays) return 'pastExercisePeriod';
    return undefined;
  };

  const validate = (
    line: DebitClaimLine,
    position: number,
    indexed: IndexedAuthorization | undefined,
  ): DebitClaimLineResult => {
    const book = parsePlainPrice(line.bookCost);
    const authorizedCost = parsePlainPrice(line.authorizedCost);
    const resalePrice = line.resalePrice === undefined ? undefined : parsePlainPrice(line.resalePrice);
    if (
      !Number.isSafeInteger(line.quantity) ||
      line.quantity <= 0 ||
      line.quantity > maxAuthorizedQuantity ||
      book === undefined ||
      authorizedCost === undefined ||
      (line.resalePrice !== undefined && resalePrice === undefined)
    ) {
      return rejected(line, 'invalidInput');
    }
    if (indexed === undefined) return rejected(line, 'authorizationInvalid');
    const covered = authorizationLineCovering(indexed, line, context);
    // The line's own date rules interleave with the authorization's: the first fault in precedence decides.
    const dateFault = shipDateFault(line);
    if (typeof covered === 'string') return rejected(line, firstReason(covered, dateFault));
    if (dateFault !== undefined) return rejected(line, dateFault);
    const authorization = indexed.authorization;
    const authorized = covered;
    const invoiceKey = invoiceLineKeyHash(line);
    if (
      (claimedBefore.mayHave(invoiceKey) && context.claimedInvoiceLines.has(invoiceLineKey(line))) ||
      claimedHere.has(line, invoiceKey)
    ) {
      return rejected(line, 'duplicateInvoice');
    }
    if (
      authorized.resaleCeiling !== undefined &&
      resalePrice !== undefined &&
      resalePrice > authorized.resaleCeiling
    ) {
      return rejected(line, 'resaleAboveCeiling');
    }
    const basis = authorization.bookCostBasis;
    const reference = context.bookCostOf(authorization, line);
    // The same text is the same cost: parsed only when the texts differ.
    if (reference === undefined || (reference !== line.bookCost && parsePlainPrice(reference) !== book)) {
      return rejected(line, 'bookCostIncorrect', { bookCostBasis: basis });
    }
    let state = states[authorized.slot];
    if (state === undefined) {
      state = {
        remaining: authorized.line.remainingQuantity,
        bookText: undefined,
        granted: 0n,
        grantedText: '',
      };
      states[authorized.slot] = state;
    }
    if (state.bookText !== line.bookCost) {
      state.bookText = line.bookCost;
      state.granted = authorizedUnitCost(authorized.pricing, book);
      state.grantedText = formatScaled(state.granted, priceScale, minor);
    }
    const granted = state.granted;
    const priced = {
      bookCostBasis: basis,
      bookCost: line.bookCost,
      authorizedCost: state.grantedText,
    };
    if (authorized.pricing.method !== 'fixedPerClaim' && authorizedCost !== granted) {
      return rejected(line, 'authorizedCostIncorrect', priced);
    }
    const claimed = debitLineAmount(authorized.pricing, book, line.quantity, context.currency);
    // An amount is compared exactly: "700" equals 700.00, "700.001" does not, an unreadable one never does.
    const amount = parsePlainPrice(line.amount);
    if (amount !== claimed.amountMinor * toPriceScale) {
      return rejected(line, 'amountIncorrect', priced);
    }
    if (!context.sales.backs(line, context.posToleranceBasisPoints, position))
      return rejected(line, 'noMatchingSale', priced);
    const left = state.remaining;
    if (left <= 0) return rejected(line, 'zeroBalance', priced);
    const approvedQuantity = Math.min(left, line.quantity);
    state.remaining = left - approvedQuantity;
    claimedHere.add(line, invoiceKey);
    const approved =
      approvedQuantity === line.quantity
        ? claimed
        : debitLineAmount(authorized.pricing, book, approvedQuantity, context.currency);
    const approvedAmount = formatScaled(approved.amountMinor, minor, minor);
    if (approvedQuantity === line.quantity) {
      return {
        lineNumber: line.lineNumber,
        outcome: 'approved',
        approvedQuantity,
        approvedAmount,
        bookCostBasis: basis,
        bookCost: line.bookCost,
        authorizedCost: state.grantedText,
      };
    }
    return {
      lineNumber: line.lineNumber,
      outcome: 'partiallyApproved',
      reason: 'quantityExceeded',
      x12Code: debitClaimReasons.quantityExceeded.x12,
      followUp: debitClaimReasons.quantityExceeded.followUp,
      approvedQuantity,
      approvedAmount,
      bookCostBasis: basis,
      bookCost: line.bookCost,
      authorizedCost: state.grantedText,
    };
  };

  return lines.map((line, position) => {
    if (line.authorizationNumber !== unquotedAuthorizationNumber)
      return validate(line, position, context.authorizations.get(line.authorizationNumber));
    const indexed = matched(line);
    const result = validate(line, position, indexed);
    return indexed === undefined
      ? result
      : { ...result, appliedAuthorizationNumber: indexed.authorization.authorizationNumber };
  });
}
