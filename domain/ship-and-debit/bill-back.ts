import type { ClaimActor } from '../claims/claim';
import { fnv1a64 } from '../shared/fingerprint';
import type { IsoDate } from '../shared/iso-date';
import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';
import type { CurrencyCode } from '../shared/money/money';
import { divideHalfEven } from '../shared/money/scaled-integer';
import type { BillBackOffset, ShipAndDebitClaim } from './ship-and-debit-claim';

/** A return of resold units: a negative line of the partner's POS data, as a bill-back needs it. */
export interface PosReturn {
  readonly invoiceNumber: string;
  readonly invoiceLine: string;
  /** Its ship date, else its invoice date. */
  readonly date: IsoDate;
  readonly endCustomerId: string;
  readonly productSku: string;
  /** Units returned: the POS line's quantity without its sign, > 0. */
  readonly quantity: number;
}

/** The credit one bill-back takes back from one approved claim line. */
export interface BillBackPart {
  readonly claimId: string;
  readonly lineNumber: number;
  readonly authorizationNumber: string;
  readonly productSku: string;
  readonly quantity: number;
  /** Credit reversed, > 0, in the bill-back's currency (its minor units). */
  readonly amount: string;
}

/** What earlier bill-backs took back from one approved claim line. */
export interface ClaimLineReversal {
  readonly claimId: string;
  readonly lineNumber: number;
  readonly quantity: number;
  /** Credit reversed so far, ≥ 0, in the claim's currency. */
  readonly amount: string;
  /** The bill-backs that reversed it, oldest first. */
  readonly billBackIds: readonly string[];
}

/**
 * A bill-back: the partner resold units under an authorization, was credited for them on a ship & debit
 * claim, and the end customer returned them (a negative POS line), so the credit is owed back. One per POS
 * return line (its id derives from it). `open` until a later ship & debit claim of the partner nets it
 * (`offset`): that claim's settlement pays that much less.
 */
export interface ShipAndDebitBillBack {
  readonly billBackId: string;
  readonly partnerId: string;
  readonly currency: CurrencyCode;
  readonly returned: PosReturn;
  readonly parts: readonly BillBackPart[];
  /** Units billed back: Σ parts (a return larger than what was credited bills back only what was). */
  readonly quantity: number;
  /** Negative: the credit taken back, Σ parts. */
  readonly amount: string;
  /** Units given back to the authorizations (0 for lines whose authorization is cancelled or expired). */
  readonly restoredQuantity: number;
  readonly status: 'open' | 'offset';
  /** The ship & debit claim whose settlement netted it, once `offset`. */
  readonly offsetByClaimId?: string;
  readonly createdAt: string;
  readonly createdBy: ClaimActor;
}

/** The key of a POS line: a return is billed back once, whatever file restates it. */
const returnKeyOf = (returned: PosReturn) => JSON.stringify([returned.invoiceNumber, returned.invoiceLine]);

/** The bill-back id of a partner's return line: derived, so detecting the same return again finds it. */
export const billBackIdOf = (partnerId: string, returned: PosReturn): string =>
  `SDB-${fnv1a64(JSON.stringify([partnerId, returnKeyOf(returned)])).toUpperCase()}`;

export const reversalKeyOf = (claimId: string, lineNumber: number) => `${claimId}#${lineNumber}`;

/**
 * The credit `quantity` more returned units take back from a line credited `approvedAmount` for
 * `approvedQuantity` units, of which `reversed` were taken back already. The reversed total is the
 * approved amount pro rata, rounded half to even once on the cumulative figure: the increments never go
 * negative, never sum above the approved amount, and reach it exactly when every unit came back.
 */
export function reversalIncrement(
  approved: { readonly quantity: number; readonly amountMinor: bigint },
  reversed: { readonly quantity: number; readonly amountMinor: bigint },
  quantity: number,
): bigint {
  const after = reversed.quantity + quantity;
  const cumulative = divideHalfEven(approved.amountMinor * BigInt(after), BigInt(approved.quantity));
  return cumulative - reversed.amountMinor;
}

interface Candidate {
  readonly claim: ShipAndDebitClaim;
  readonly index: number;
  readonly sameInvoice: boolean;
}

/**
 * The approved lines a return takes credit back from. Matching: same product, shipped (and claimed) on or
 * before the return; the same invoice first, else the same end customer; the latest resale first (the units
 * most likely returned). A claim received after the return was checked against POS data that already held
 * it (returns net out there), so it is never billed back. Lines of another currency than the first match
 * are left to a return of their own.
 */
function candidatesFor(returned: PosReturn, claims: readonly ShipAndDebitClaim[]): Candidate[] {
  const found: Candidate[] = [];
  for (const claim of claims) {
    if (claim.receivedAt.slice(0, 10) > returned.date) continue;
    claim.results.forEach((result, index) => {
      const line = claim.lines[index];
      if (line === undefined || result.approvedQuantity <= 0) return;
      if (line.productSku !== returned.productSku || line.shipDate > returned.date) return;
      const sameInvoice = line.invoiceNumber === returned.invoiceNumber;
      if (sameInvoice || line.endCustomerId === returned.endCustomerId)
        found.push({ claim, index, sameInvoice });
    });
  }
  const shipDate = (candidate: Candidate) => candidate.claim.lines[candidate.index]?.shipDate ?? '';
  return found.sort(
    (a, b) =>
      Number(b.sameInvoice) - Number(a.sameInvoice) ||
      shipDate(b).localeCompare(shipDate(a)) ||
      b.claim.receivedAt.localeCompare(a.claim.receivedAt) ||
      b.index - a.index,
  );
}

/**
 * The parts of a return's bill-back: its units spread over the matching approved lines (see
 * `candidatesFor`), each taking at most what is left unreversed on it, so no unit is billed back twice.
 * Empty when nothing credited matches.
 */
export function billBackParts(
  returned: PosReturn,
  claims: readonly ShipAndDebitClaim[],
  reversals: ReadonlyMap<string, ClaimLineReversal>,
): { readonly currency: CurrencyCode; readonly parts: BillBackPart[] } | undefined {
  const candidates = candidatesFor(returned, claims);
  const currency = candidates[0]?.claim.currency;
  if (currency === undefined) return undefined;
  let left = returned.quantity;
  const parts: BillBackPart[] = [];
  for (const { claim, index } of candidates) {
    if (left <= 0) break;
    const line = claim.lines[index];
    const result = claim.results[index];
    if (line === undefined || result === undefined || claim.currency !== currency) continue;
    const earlier = reversals.get(reversalKeyOf(claim.claimId, line.lineNumber));
    const reversed = {
      quantity: earlier?.quantity ?? 0,
      amountMinor: toMinorUnits(earlier?.amount ?? fromMinorUnits(0n, currency), currency),
    };
    const quantity = Math.min(left, result.approvedQuantity - reversed.quantity);
    if (quantity <= 0) continue;
    const amount = reversalIncrement(
      { quantity: result.approvedQuantity, amountMinor: toMinorUnits(result.approvedAmount, currency) },
      reversed,
      quantity,
    );
    parts.push({
      claimId: claim.claimId,
      lineNumber: line.lineNumber,
      authorizationNumber: line.authorizationNumber,
      productSku: line.productSku,
      quantity,
      amount: fromMinorUnits(amount, currency),
    });
    left -= quantity;
  }
  return parts.length === 0 ? undefined : { currency, parts };
}

/**
 * The open bill-backs a claim approved for `approvedAmount` nets, oldest first, while their sum stays within
 * it (the settlement never goes negative); the rest wait for a later claim.
 */
export function billBackOffsets(
  open: readonly ShipAndDebitBillBack[],
  approvedAmount: string,
  currency: CurrencyCode,
): BillBackOffset[] {
  let room = toMinorUnits(approvedAmount, currency);
  const offsets: BillBackOffset[] = [];
  for (const billBack of open) {
    if (billBack.currency !== currency || billBack.status !== 'open') continue;
    const owed = -toMinorUnits(billBack.amount, currency);
    if (owed > room) break;
    room -= owed;
    offsets.push({ billBackId: billBack.billBackId, amount: fromMinorUnits(owed, currency) });
  }
  return offsets;
}
