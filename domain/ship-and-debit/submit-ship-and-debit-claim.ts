import type { Actor } from '../access/actor';
import { requireRole } from '../access/policies';
import { type ApprovalPolicyDeps, policyInForce } from '../approvals/approval-policy-use-cases';
import type { ClaimFunds } from '../claims/ports';
import type { EndCustomerStore } from '../end-customers/ports';
import { businessCodeSchema } from '../shared/codes';
import { ForbiddenError, StateConflictError } from '../shared/errors';
import { type CurrencyCode, currencyMinorUnits } from '../shared/money/money';
import { formatScaled } from '../shared/money/scaled-integer';
import type { Clock, EventPublisher } from '../shared/ports';
import type { EndCustomerSegments } from './authorization-coverage';
import { indexAuthorizations } from './authorization-index';
import { unquotedAuthorizationNumber } from './authorization-precedence';
import { billBackOffsets } from './bill-back';
import { type DebitClaimValidationContext, validateDebitClaimLines } from './claim-line-validation';
import { shipAndDebitClaimValidatedEvent } from './claim-validated-event';
import { isPlainDecimal, parsePrice, priceScale } from './debit-amount';
import type { DebitAuthorization } from './debit-authorization';
import { type DebitClaimLine, invoiceLineKey } from './debit-claim-line';
import type {
  DebitAuthorizationStore,
  ShipAndDebitBillBackStore,
  ShipAndDebitClaimStore,
  ShipAndDebitEvidence,
} from './ports';
import { PosSaleIndex } from './pos-sale-index';
import { quantityReservations } from './quantity-reservation';
import {
  claimSubmitterRoles,
  maxBillBackOffsetsPerClaim,
  type ShipAndDebitClaim,
} from './ship-and-debit-claim';
import { readDocument, type ShipAndDebitClaimDocument } from './ship-and-debit-claim-document';
import {
  autoSettlementClaimIdOf,
  linesForReview,
  sendToSettlement,
  settlementClaimIdOf,
  settlementLines,
} from './ship-and-debit-settlement';
import { writeDebitClaimResponse849 } from './x12-849-debit-response';

/** The claim rules that are policy, not law: set per deployment. */
export interface ShipAndDebitPolicy {
  /** Days after the ship date within which a line may be claimed (901 code 29 after). */
  readonly claimWindowDays: number;
  /** How far the POS quantity may differ from the claimed one, in basis points. */
  readonly posToleranceBasisPoints: number;
  /** Our X12 interchange id: the sender of every 849. */
  readonly interchangeId: string;
}

export interface ShipAndDebitClaimDeps {
  readonly authorizations: DebitAuthorizationStore;
  readonly claims: ShipAndDebitClaimStore;
  readonly billBacks: ShipAndDebitBillBackStore;
  readonly evidence: ShipAndDebitEvidence;
  /** The end-customer master: the segments segment blankets are checked against. */
  readonly endCustomers: Pick<EndCustomerStore, 'getAll'>;
  readonly claimFunds: ClaimFunds;
  /** The approval policy: its auto-approve threshold is applied per line (see `linesForReview`). */
  readonly policies: ApprovalPolicyDeps['policies'];
  readonly events: EventPublisher;
  readonly clock: Clock;
  readonly policy: ShipAndDebitPolicy;
  readonly newClaimId: () => string;
}

/** The partner a claim is for: a partner user's own; the one a channel manager names (or the 844 does). */
function claimantOf(actor: Actor, partnerId: string | undefined): string | undefined {
  if (actor.role !== 'partner') return partnerId;
  if (partnerId !== undefined && partnerId !== actor.partnerId)
    throw new ForbiddenError('A partner user submits claims for its own partner only');
  return actor.partnerId;
}

/** Book costs on the price lists the claim's authorizations name, looked up once per product and date. */
async function listPrices(
  deps: ShipAndDebitClaimDeps,
  lines: readonly DebitClaimLine[],
  authorizations: ReadonlyMap<string, DebitAuthorization>,
): Promise<Map<string, string>> {
  const wanted = new Map<string, [string, string, string]>();
  const everyAuthorization = [...authorizations.values()];
  for (const line of lines) {
    // A line quoting no number may fall under any of the partner's authorizations of its product.
    const mayApply =
      line.authorizationNumber === unquotedAuthorizationNumber
        ? everyAuthorization.filter((each) => each.lines.some((own) => own.productSku === line.productSku))
        : [authorizations.get(line.authorizationNumber)];
    for (const authorization of mayApply) {
      if (authorization?.bookCostBasis !== 'priceListOnShipDate' || authorization.priceListId === undefined)
        continue;
      const key = priceKey(authorization.priceListId, line);
      wanted.set(key, [authorization.priceListId, line.productSku, line.shipDate]);
    }
  }
  const prices = new Map<string, string>();
  await Promise.all(
    [...wanted].map(async ([key, [priceListId, sku, date]]) => {
      const price = await deps.evidence.listPriceOn(priceListId, sku, date);
      if (price !== undefined) prices.set(key, price);
    }),
  );
  return prices;
}

/**
 * The authorizations a claim's lines may draw on: those it quotes, and when a line quotes none, every one of
 * the partner's (read afresh on each attempt, with their remaining quantities, like the quoted ones).
 */
async function authorizationsFor(
  deps: ShipAndDebitClaimDeps,
  partnerId: string,
  quoted: readonly string[],
  unquoted: boolean,
): Promise<Map<string, DebitAuthorization>> {
  const authorizations = await deps.authorizations.getAll(
    quoted.filter((number) => number !== unquotedAuthorizationNumber),
  );
  if (!unquoted) return authorizations;
  let cursor: string | undefined;
  do {
    const page = await deps.authorizations.list(partnerId, { limit: 100, cursor });
    for (const authorization of page.items)
      authorizations.set(authorization.authorizationNumber, authorization);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return authorizations;
}

/**
 * The segment history of every end customer the lines name, in one batched read; read only when a segment
 * blanket is among the authorizations (most claims have none, and pay no read for it).
 */
async function segmentsFor(
  deps: ShipAndDebitClaimDeps,
  lines: readonly DebitClaimLine[],
  authorizations: ReadonlyMap<string, DebitAuthorization>,
): Promise<EndCustomerSegments | undefined> {
  if (![...authorizations.values()].some((each) => each.coverage.kind === 'segment')) return undefined;
  // Only ids the master can hold (business codes); any other end customer is in no segment.
  const ids = [...new Set(lines.map((line) => line.endCustomerId))].filter(
    (id) => businessCodeSchema.safeParse(id).success,
  );
  const records = await deps.endCustomers.getAll(ids);
  return new Map([...records].map(([id, record]) => [id, record.segmentHistory]));
}

/** A JSON or CSV claim's 849 names the authorizations its lines were matched to; an 844 keeps its CON. */
const appliedNumbers = (read: ReturnType<typeof readDocument>, numbers: readonly string[]) =>
  read.channel === 'x12-844'
    ? {}
    : { authorizationNumber: numbers.filter((number) => number !== unquotedAuthorizationNumber).join(' ') };

const priceKey = (priceListId: string, line: DebitClaimLine) =>
  `${priceListId}\u0000${line.productSku}\u0000${line.shipDate}`;

/** A number for an 849 interchange (ISA13, 1-999999999), derived from the claim id. */
function controlNumberOf(claimId: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < claimId.length; index++) {
    hash ^= claimId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return ((hash >>> 0) % 999_999_999) + 1;
}

const sum = (amounts: readonly string[], currency: CurrencyCode): string => {
  const minor = currencyMinorUnits[currency];
  const total = amounts.reduce((all, text) => all + (isPlainDecimal(text) ? parsePrice(text) : 0n), 0n);
  return formatScaled(total, priceScale, minor);
};

/** Repeats answer the stored claim, and make sure its settlement was sent (the first attempt may have died). */
async function repeated(deps: ShipAndDebitClaimDeps, claimId: string) {
  const claim = await deps.claims.get(claimId);
  if (claim === undefined) throw new StateConflictError(`claim ${claimId} is being stored; send it again`);
  await sendToSettlement(deps, claim);
  return { claim, created: false };
}

/**
 * Submits a ship & debit claim (an 844, a CSV or JSON lines). Main course: the document is read (a malformed
 * file is a 422 naming each segment, element or column at fault; unreadable lines are refused on their own
 * with 901 codes 15/33) → a claim number the partner used before answers that claim (200) → every line is
 * validated against the authorizations, their remaining quantities, the partner's POS lines, the price
 * list, earlier claims and the claim window (`validateDebitClaimLines`) → the claim, its approved invoice
 * lines and its quantity reservations are stored in one atomic write conditioned on the remaining
 * quantities read; a concurrent claim that took units meanwhile makes it read and validate again, so no
 * interleaving takes more than a cap; the partner's open bill-backs it nets (oldest first, within the
 * approved amount) are closed in the same write → the approved amount less those bill-backs goes to
 * settlement (`sendToSettlement`): lines at or above the approval policy's auto-approve threshold in one
 * claim that people decide, lines below it in another the workflow approves by itself (when the claim has
 * both) → the 849 (which answers the lines, gross) is ready.
 */
export async function submitShipAndDebitClaim(
  deps: ShipAndDebitClaimDeps,
  actor: Actor,
  input: { readonly partnerId?: string | undefined; readonly document: ShipAndDebitClaimDocument },
): Promise<{ readonly claim: ShipAndDebitClaim; readonly created: boolean }> {
  requireRole(actor, claimSubmitterRoles);
  const named =
    input.partnerId ?? (input.document.format === 'json' ? input.document.claim.partnerId : undefined);
  const read = readDocument(input.document, claimantOf(actor, named));
  const { partnerId, lines: unappliedLines, currency } = read;
  const holder = await deps.claims.holderOfClaimNumber(partnerId, read.claimNumber);
  if (holder !== undefined) return repeated(deps, holder);
  const claimId = deps.newClaimId();
  const quoted = [...new Set(unappliedLines.map((line) => line.authorizationNumber))];
  const unquoted = quoted.includes(unquotedAuthorizationNumber);
  const sales = PosSaleIndex.of(unappliedLines, await deps.evidence.salesFor(partnerId, unappliedLines));
  const policy = await policyInForce(deps);
  // Master data, not a balance: read once, on the first attempt that meets a segment blanket.
  let segments: EndCustomerSegments | undefined;
  for (let attempt = 1; attempt <= 20; attempt++) {
    const now = deps.clock();
    const [authorizations, claimed] = await Promise.all([
      authorizationsFor(deps, partnerId, quoted, unquoted),
      deps.claims.claimedInvoiceLines(partnerId, unappliedLines.map(invoiceLineKey)),
    ]);
    const prices = await listPrices(deps, unappliedLines, authorizations);
    segments ??= await segmentsFor(deps, unappliedLines, authorizations);
    const context: DebitClaimValidationContext = {
      partnerId,
      currency,
      receivedOn: now.toISOString().slice(0, 10),
      claimWindowDays: deps.policy.claimWindowDays,
      posToleranceBasisPoints: deps.policy.posToleranceBasisPoints,
      authorizations: indexAuthorizations(authorizations.values()),
      sales,
      claimedInvoiceLines: claimed,
      endCustomerSegments: segments ?? new Map(),
      bookCostOf: (authorization, line) => {
        if (authorization.bookCostBasis === 'acquisitionCost') return line.bookCost;
        const priceListId = authorization.priceListId;
        return priceListId === undefined ? undefined : prices.get(priceKey(priceListId, line));
      },
    };
    const results = validateDebitClaimLines(context, unappliedLines);
    // From here on a line names the authorization it was matched to: reservations, settlement, bill-backs.
    const lines = unappliedLines.map((line, index) => {
      const applied = results[index]?.appliedAuthorizationNumber;
      return applied === undefined ? line : { ...line, authorizationNumber: applied };
    });
    const numbers = [...new Set(lines.map((line) => line.authorizationNumber))];
    const reservations = quantityReservations(lines, results).map((reservation) => ({
      ...reservation,
      expectedRemaining:
        authorizations
          .get(reservation.authorizationNumber)
          ?.lines.find((line) => line.productSku === reservation.productSku)?.remainingQuantity ?? 0,
    }));
    const approvedAmount = sum(
      results.map((result) => result.approvedAmount),
      currency,
    );
    const offsets = billBackOffsets(
      await deps.billBacks.openOf(partnerId, currency, maxBillBackOffsetsPerClaim),
      approvedAmount,
      currency,
    );
    const review = linesForReview(results, currency, policy.thresholds[currency]?.autoApproveBelow);
    const split = {
      ...(offsets.length > 0 ? { billBackOffsets: offsets } : {}),
      ...(review === undefined ? {} : { linesForReview: review }),
    };
    const toSettle = settlementLines({ claimId, currency, lines, results, ...split });
    const receivedAt = now.toISOString();
    const response849 = writeDebitClaimResponse849(
      {
        senderId: deps.policy.interchangeId,
        receiverId: read.replyTo,
        interchangeControlNumber: controlNumberOf(claimId),
        groupControlNumber: controlNumberOf(claimId),
        date: receivedAt.slice(0, 10),
        time: receivedAt.slice(11, 16).replace(':', ''),
        usage: 'P',
      },
      [
        {
          claim: { ...read.header, ...appliedNumbers(read, numbers), lines, rejectedLines: read.unreadable },
          currency,
          results,
        },
      ],
    );
    const claim: ShipAndDebitClaim = {
      claimId,
      claimNumber: read.claimNumber,
      partnerId,
      channel: read.channel,
      ...(read.sourceFileId === undefined ? {} : { sourceFileId: read.sourceFileId }),
      currency,
      receivedAt,
      submittedBy: { userId: actor.userId, role: actor.role },
      authorizationNumbers: numbers,
      lines,
      results,
      unreadableLines: read.unreadable,
      amountClaimed: sum(
        lines.map((line) => line.amount),
        currency,
      ),
      amountApproved: approvedAmount,
      ...split,
      ...(toSettle.some((line) => line.forReview) ? { settlementClaimId: settlementClaimIdOf(claimId) } : {}),
      ...(toSettle.some((line) => !line.forReview)
        ? { autoSettlementClaimId: autoSettlementClaimIdOf(claimId) }
        : {}),
      response849,
    };
    const approvedInvoiceLines = lines
      .filter((_, index) => (results[index]?.approvedQuantity ?? 0) > 0)
      .map(invoiceLineKey);
    const outcome = await deps.claims.save(claim, reservations, approvedInvoiceLines);
    if (outcome.kind === 'saved') {
      await sendToSettlement(deps, claim);
      if (claim.channel !== 'json') await deps.events.publish(validatedEvent(claim, receivedAt));
      return { claim, created: true };
    }
    if (outcome.kind === 'claimNumberTaken') {
      const taken = await deps.claims.holderOfClaimNumber(partnerId, read.claimNumber);
      if (taken !== undefined) return repeated(deps, taken);
    }
    // remainingChanged, invoiceLineTaken or billBackTaken: a concurrent claim moved first; read and validate again.
  }
  throw new StateConflictError('concurrent claims kept changing the authorizations; send the claim again');
}

function validatedEvent(claim: ShipAndDebitClaim, occurredAt: string) {
  return shipAndDebitClaimValidatedEvent(
    {
      claimId: claim.claimId,
      claimNumber: claim.claimNumber,
      partnerId: claim.partnerId,
      channel: claim.channel === 'csv' ? 'csv' : 'x12-844',
      currency: claim.currency,
      claimedAmounts: claim.lines.map((line) => line.amount),
      authorizationNumbers: claim.authorizationNumbers,
      unreadableLines: claim.unreadableLines,
      occurredAt,
    },
    claim.results,
  );
}
