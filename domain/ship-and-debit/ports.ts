import type { IsoDate } from '../shared/iso-date';
import type { CurrencyCode } from '../shared/money/money';
import type { Page, PageRequest } from '../shared/ports';
import type { ClaimLineReversal, PosReturn, ShipAndDebitBillBack } from './bill-back';
import type { DebitAuthorization } from './debit-authorization';
import type { DebitClaimLine } from './debit-claim-line';
import type { PosSale } from './pos-sale-index';
import type { ShipAndDebitClaim } from './ship-and-debit-claim';

/**
 * Where debit authorizations are kept: each with its terms, version history and, per line, the remaining
 * quantity that claims draw on atomically (see `ShipAndDebitClaimStore.save`).
 */
export interface DebitAuthorizationStore {
  /** The authorization with each line's remaining quantity as stored now. */
  get(authorizationNumber: string): Promise<DebitAuthorization | undefined>;
  getAll(authorizationNumbers: readonly string[]): Promise<Map<string, DebitAuthorization>>;
  /** Stores a new request; false when the number is taken. */
  create(authorization: DebitAuthorization): Promise<boolean>;
  /**
   * Writes `next` over `previous` if the stored version is still `previous.version`. Line quantities move
   * by the change of their cap, conditioned so that no remaining quantity goes below zero whatever claims
   * took meanwhile; false when either condition fails.
   */
  replace(previous: DebitAuthorization, next: DebitAuthorization): Promise<boolean>;
  /** A partner's authorizations (or every partner's), oldest request first. */
  list(partnerId: string | undefined, page: PageRequest): Promise<Page<DebitAuthorization>>;
}

/** Units a claim takes from one authorization line, conditioned on the remaining quantity it read. */
export interface PlannedQuantityReservation {
  readonly authorizationNumber: string;
  readonly productSku: string;
  readonly quantity: number;
  readonly expectedRemaining: number;
}

/** Why a claim was not stored; `saved` when it was, with its reservations and invoice lines. */
export type ShipAndDebitClaimSaveOutcome =
  | { readonly kind: 'saved' }
  /** A concurrent claim (or amendment) changed a remaining quantity since it was read: nothing written. */
  | { readonly kind: 'remainingChanged' }
  /** Another claim took one of the invoice lines meanwhile: nothing written. */
  | { readonly kind: 'invoiceLineTaken' }
  /** Another claim netted one of the bill-backs this one nets (`billBackOffsets`) meanwhile: nothing written. */
  | { readonly kind: 'billBackTaken' }
  /** The partner's claim number is held by another claim (a file sent twice): nothing written. */
  | { readonly kind: 'claimNumberTaken' };

/** Where ship & debit claims are kept, with the invoice lines and claim numbers they hold. */
export interface ShipAndDebitClaimStore {
  get(claimId: string): Promise<ShipAndDebitClaim | undefined>;
  /** The claim holding a partner's claim number, if any. */
  holderOfClaimNumber(partnerId: string, claimNumber: string): Promise<string | undefined>;
  /** Which of these invoice line keys (`invoiceLineKey`) earlier claims of the partner hold. */
  claimedInvoiceLines(partnerId: string, keys: readonly string[]): Promise<Set<string>>;
  /**
   * One atomic write: the claim, its claim number, its approved invoice lines (each must be free), its
   * reservations (each line's remaining quantity must still be what validation read) and the bill-backs it
   * nets (`claim.billBackOffsets`: each must still be open; it becomes `offset` by this claim).
   */
  save(
    claim: ShipAndDebitClaim,
    reservations: readonly PlannedQuantityReservation[],
    invoiceLineKeys: readonly string[],
  ): Promise<ShipAndDebitClaimSaveOutcome>;
  /** A partner's claims (or every partner's), oldest first. */
  list(partnerId: string | undefined, page: PageRequest): Promise<Page<ShipAndDebitClaim>>;
}

/** The channel data a claim is checked against: the partner's POS lines and the price lists. */
export interface ShipAndDebitEvidence {
  /** The partner's POS sales that may back these claim lines (same products, around their ship dates). */
  salesFor(partnerId: string, lines: readonly DebitClaimLine[]): Promise<PosSale[]>;
  /** The partner's POS returns (negative lines) of these products invoiced from `from` to `to`, inclusive. */
  returnsOf(
    partnerId: string,
    productSkus: readonly string[],
    from: IsoDate,
    to: IsoDate,
  ): Promise<PosReturn[]>;
  /** A price list's price of a product on a date, as a decimal string; undefined when none is in force. */
  listPriceOn(priceListId: string, productSku: string, date: IsoDate): Promise<string | undefined>;
}

/** Units a bill-back gives back to one authorization line, conditioned on the remaining quantity it read. */
export type PlannedQuantityRestoration = PlannedQuantityReservation;

/** What earlier bill-backs reversed on a claim line, as read (`undefined`: nothing yet) and as it becomes. */
export interface PlannedReversal {
  readonly read: ClaimLineReversal | undefined;
  readonly next: ClaimLineReversal;
}

/**
 * Where bill-backs are kept, with what they reversed per claim line (so no unit is reversed twice) and,
 * while open, an index of the partner's open ones in each currency (what its next claim nets).
 */
export interface ShipAndDebitBillBackStore {
  get(billBackId: string): Promise<ShipAndDebitBillBack | undefined>;
  /** What bill-backs reversed so far on the lines of these claims, by `reversalKeyOf`. */
  reversalsOf(claimIds: readonly string[]): Promise<Map<string, ClaimLineReversal>>;
  /**
   * One atomic write: the bill-back (its id must be free), each claim line's reversal (still as read) and
   * each restoration (the remaining quantity still as read). `exists` when the id is taken (the return was
   * billed back already), `changed` when a reversal or a remaining quantity moved meanwhile.
   */
  create(
    billBack: ShipAndDebitBillBack,
    reversals: readonly PlannedReversal[],
    restorations: readonly PlannedQuantityRestoration[],
  ): Promise<'saved' | 'exists' | 'changed'>;
  /** A partner's open bill-backs in a currency, oldest first, at most `limit`. */
  openOf(partnerId: string, currency: CurrencyCode, limit: number): Promise<ShipAndDebitBillBack[]>;
  /** A partner's bill-backs (or every partner's), oldest first. */
  list(partnerId: string | undefined, page: PageRequest): Promise<Page<ShipAndDebitBillBack>>;
}
