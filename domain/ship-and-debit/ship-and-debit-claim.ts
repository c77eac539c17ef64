import type { ClaimActor } from '../claims/claim';
import type { CurrencyCode } from '../shared/money/money';
import type { DebitClaimLineResult } from './claim-line-validation';
import type { DebitClaimLine } from './debit-claim-line';
import type { RejectedDebitClaimLine } from './x12-844-debit-claim';

/** A bill-back (see `bill-back.ts`) set against a claim's approved amount: the settlement pays `amount` less. */
export interface BillBackOffset {
  readonly billBackId: string;
  /** Positive: what the claim's settlement pays less. */
  readonly amount: string;
}

/** How a ship & debit claim arrived: an X12 844, a CSV text, or JSON lines. */
export const shipAndDebitClaimChannels = ['x12-844', 'csv', 'json'] as const;
export type ShipAndDebitClaimChannel = (typeof shipAndDebitClaimChannels)[number];

/**
 * At most this many lines per ship & debit claim: the claim, its claim number, one duplicate-rule marker per
 * approved invoice line and one reservation per authorization line are one atomic write (DynamoDB: 100 items),
 * and the approved lines become one settlement claim (at most 50 lines).
 */
export const maxShipAndDebitClaimLines = 45;

/** Who may submit a ship & debit claim: a partner user for its partner, a channel manager for any. */
export const claimSubmitterRoles = ['partner', 'channel_manager'] as const;
export type ClaimSubmitterRole = (typeof claimSubmitterRoles)[number];

/**
 * At most this many open bill-backs are netted by one claim: each is one more item of the claim's atomic
 * write (2 + 45 + 45 + 5 ≤ 100); more wait for the next claim.
 */
export const maxBillBackOffsetsPerClaim = 5;

/**
 * A partner's ship & debit claim as validated: every line with its result (approved, cut to what remained, or
 * rejected with its X12 901/889 codes), the lines the reader could not read, and the 849 that answers it.
 * Approved amounts settle through the claim (type `shipAndDebit`) named by `settlementClaimId`.
 */
export interface ShipAndDebitClaim {
  readonly claimId: string;
  /** The partner's debit memo number (844 BAA05, or the CSV/JSON claim's number): unique per partner. */
  readonly claimNumber: string;
  readonly partnerId: string;
  readonly channel: ShipAndDebitClaimChannel;
  /** The uploaded channel file a CSV claim came in (`POST /uploads`, kind `shipAndDebitClaim`). */
  readonly sourceFileId?: string;
  readonly currency: CurrencyCode;
  readonly receivedAt: string;
  readonly submittedBy: ClaimActor;
  readonly authorizationNumbers: readonly string[];
  readonly lines: readonly DebitClaimLine[];
  /** One per entry of `lines`, same order. */
  readonly results: readonly DebitClaimLineResult[];
  /** Lines refused before validation (missing or unreadable data), answered on the 849 with 15 or 33. */
  readonly unreadableLines: readonly RejectedDebitClaimLine[];
  /** Decimal strings in `currency`, its minor units. */
  readonly amountClaimed: string;
  readonly amountApproved: string;
  /** Open bill-backs of the partner this claim nets: its settlement pays their sum less than `amountApproved`. */
  readonly billBackOffsets?: readonly BillBackOffset[];
  /**
   * The approved lines at or above the per-line auto-approve threshold in force when the claim was received,
   * when the claim also has lines below it (see `linesForReview`); absent when its lines were not split.
   */
  readonly linesForReview?: readonly number[];
  /**
   * The claim that settles the approved amount (less bill-backs) through approvals and payments, or, when
   * the lines were split, that of the lines people decide; absent when nothing of that is left to pay.
   */
  readonly settlementClaimId?: string;
  /** The claim settling the lines below the per-line auto-approve threshold, when the lines were split. */
  readonly autoSettlementClaimId?: string;
  /** The X12 849 response (4010) to the claim. */
  readonly response849: string;
}

/** The claim as the API shows it: everything but the 849 text, which has its own route. */
export function shipAndDebitClaimView(claim: ShipAndDebitClaim): Omit<ShipAndDebitClaim, 'response849'> {
  const { response849: _response, ...view } = claim;
  return view;
}
