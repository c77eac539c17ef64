import type { ChannelFileProcessedV1 } from '../../events/channel-file-processed.v1';
import type { Actor, Role } from '../access/actor';
import { requireRole } from '../access/policies';
import type { Claim } from '../claims/claim';
import type { ClaimStore } from '../claims/ports';
import { StateConflictError, ValidationError } from '../shared/errors';
import type { IsoDate } from '../shared/iso-date';
import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';
import { divideHalfEven } from '../shared/money/scaled-integer';
import type { Clock } from '../shared/ports';
import {
  type BillBackPart,
  billBackIdOf,
  billBackParts,
  type PosReturn,
  reversalKeyOf,
  type ShipAndDebitBillBack,
} from './bill-back';
import type { DebitAuthorization } from './debit-authorization';
import type {
  DebitAuthorizationStore,
  PlannedQuantityRestoration,
  PlannedReversal,
  ShipAndDebitBillBackStore,
  ShipAndDebitClaimStore,
  ShipAndDebitEvidence,
} from './ports';
import type { ShipAndDebitClaim } from './ship-and-debit-claim';

export interface BillBackDeps {
  readonly authorizations: DebitAuthorizationStore;
  readonly claims: ShipAndDebitClaimStore;
  /** The settlement claims: what a person granted of a line's credit (none when rejected) is what comes back. */
  readonly settlements: Pick<ClaimStore, 'get'>;
  readonly billBacks: ShipAndDebitBillBackStore;
  readonly evidence: ShipAndDebitEvidence;
  readonly clock: Clock;
}

/** What one detection found: bill-backs made now, ones made earlier for the same returns, returns matching no credit. */
export interface BillBackDetection {
  readonly created: readonly ShipAndDebitBillBack[];
  readonly existing: readonly ShipAndDebitBillBack[];
  readonly unmatched: readonly PosReturn[];
}

const detectors: readonly Role[] = ['channel_manager', 'admin'];
/** A year of POS data at most per detection: the reads stay bounded. */
const maxRangeDays = 366;

async function allClaimsOf(claims: ShipAndDebitClaimStore, partnerId: string): Promise<ShipAndDebitClaim[]> {
  const found: ShipAndDebitClaim[] = [];
  let cursor: string | undefined;
  do {
    const page = await claims.list(partnerId, { limit: 100, cursor });
    found.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return found;
}

/**
 * The units a bill-back gives back to its authorizations, summed per authorization line. Returned units go
 * back to the authorization (the special price was for units the end customer kept; the partner may resell
 * the returned ones under it), but only while it can still be claimed on: a cancelled or expired
 * authorization, or a line an amendment removed, gets nothing back.
 */
export function quantityRestorations(
  parts: readonly BillBackPart[],
  authorizations: ReadonlyMap<string, DebitAuthorization>,
): PlannedQuantityRestoration[] {
  const totals = new Map<string, PlannedQuantityRestoration>();
  for (const part of parts) {
    const authorization = authorizations.get(part.authorizationNumber);
    if (authorization?.status !== 'approved' && authorization?.status !== 'amended') continue;
    const line = authorization.lines.find((each) => each.productSku === part.productSku);
    if (line === undefined) continue;
    const key = JSON.stringify([part.authorizationNumber, part.productSku]);
    const quantity = (totals.get(key)?.quantity ?? 0) + part.quantity;
    totals.set(key, {
      authorizationNumber: part.authorizationNumber,
      productSku: part.productSku,
      quantity,
      expectedRemaining: line.remainingQuantity,
    });
  }
  return [...totals.values()];
}

/** One return billed back: read what is reversed and remaining, plan, write atomically; again if either moved. */
async function billBackOne(
  deps: BillBackDeps,
  actor: Actor,
  partnerId: string,
  returned: PosReturn,
  claims: readonly ShipAndDebitClaim[],
): Promise<
  ShipAndDebitBillBack | { readonly unmatched: true } | { readonly existing: ShipAndDebitBillBack }
> {
  const billBackId = billBackIdOf(partnerId, returned);
  const claimIds = [...new Set(claims.map((claim) => claim.claimId))];
  for (let attempt = 1; attempt <= 10; attempt++) {
    const earlier = await deps.billBacks.get(billBackId);
    if (earlier !== undefined) return { existing: earlier };
    const reversals = await deps.billBacks.reversalsOf(claimIds);
    const planned = billBackParts(returned, claims, reversals);
    if (planned === undefined) return { unmatched: true };
    const { currency, parts } = planned;
    const authorizations = await deps.authorizations.getAll(parts.map((part) => part.authorizationNumber));
    const restorations = quantityRestorations(parts, authorizations);
    const owed = parts.reduce((sum, part) => sum + toMinorUnits(part.amount, currency), 0n);
    const billBack: ShipAndDebitBillBack = {
      billBackId,
      partnerId,
      currency,
      returned,
      parts,
      quantity: parts.reduce((sum, part) => sum + part.quantity, 0),
      amount: fromMinorUnits(-owed, currency),
      restoredQuantity: restorations.reduce((sum, each) => sum + each.quantity, 0),
      status: 'open',
      createdAt: deps.clock().toISOString(),
      createdBy: { userId: actor.userId, role: actor.role },
    };
    const planReversals: PlannedReversal[] = parts.map((part) => {
      const read = reversals.get(reversalKeyOf(part.claimId, part.lineNumber));
      const before = toMinorUnits(read?.amount ?? fromMinorUnits(0n, currency), currency);
      return {
        read,
        next: {
          claimId: part.claimId,
          lineNumber: part.lineNumber,
          quantity: (read?.quantity ?? 0) + part.quantity,
          amount: fromMinorUnits(before + toMinorUnits(part.amount, currency), currency),
          billBackIds: [...(read?.billBackIds ?? []), billBackId],
        },
      };
    });
    const outcome = await deps.billBacks.create(billBack, planReversals, restorations);
    if (outcome === 'saved') return billBack;
    // `exists`: a concurrent detection billed it back first (read again, found); `changed`: plan again.
  }
  throw new StateConflictError('concurrent bill-backs kept changing the claim lines; detect again');
}

/** The share of its lines' approved amounts a settlement claim granted: what a person approved of it. */
function grantedShare(settlement: Claim | undefined): { readonly granted: bigint; readonly asked: bigint } {
  if (settlement === undefined) return { granted: 1n, asked: 1n };
  if (settlement.status === 'rejected') return { granted: 0n, asked: 1n };
  const asked = toMinorUnits(settlement.amountClaimed, settlement.currency);
  if (settlement.amountApproved === undefined || asked === 0n) return { granted: 1n, asked: 1n };
  return { granted: toMinorUnits(settlement.amountApproved, settlement.currency), asked };
}

/**
 * The claim as far as it credited the partner: a person may have rejected a settlement claim (its lines got
 * nothing: nothing to take back) or approved less than it asked (its lines' credit is cut in that
 * proportion, rounded half-even per line). A settlement not decided yet counts as granted.
 */
async function asCredited(
  settlements: BillBackDeps['settlements'],
  claim: ShipAndDebitClaim,
): Promise<ShipAndDebitClaim> {
  const shareOf = async (claimId: string | undefined) =>
    grantedShare(claimId === undefined ? undefined : await settlements.get(claimId));
  const [forReview, automatic] = await Promise.all([
    shareOf(claim.settlementClaimId),
    shareOf(claim.autoSettlementClaimId),
  ]);
  if (forReview.granted === forReview.asked && automatic.granted === automatic.asked) return claim;
  const review = claim.linesForReview === undefined ? undefined : new Set(claim.linesForReview);
  return {
    ...claim,
    results: claim.results.map((result) => {
      const share = (review?.has(result.lineNumber) ?? true) ? forReview : automatic;
      if (share.granted === 0n) return { ...result, approvedQuantity: 0 };
      const amount = toMinorUnits(result.approvedAmount, claim.currency) * share.granted;
      return {
        ...result,
        approvedAmount: fromMinorUnits(divideHalfEven(amount, share.asked), claim.currency),
      };
    }),
  };
}

const dayCount = (from: IsoDate, to: IsoDate) => (Date.parse(to) - Date.parse(from)) / 86_400_000;

/**
 * Bills back a partner's returns of resold units. Main course: the partner's POS returns (negative lines)
 * dated in the range, of the products its ship & debit claims were credited for (as far as people granted
 * their settlements: `asCredited`) → each return matched to
 * the approved claim lines it undoes (same invoice, else same end customer; see `billBackParts`) → one
 * bill-back per return line: the credit of the returned units, negative, with the returned units given
 * back to the authorization, stored atomically with what it reversed per claim line (so a return detected
 * twice, or two returns of one unit, never reverse more than was credited) → it waits `open` until the
 * partner's next ship & debit claim nets it. Idempotent per return line.
 */
export async function billBackReturns(
  deps: BillBackDeps,
  actor: Actor,
  input: { readonly partnerId: string; readonly from: IsoDate; readonly to: IsoDate },
): Promise<BillBackDetection> {
  requireRole(actor, detectors);
  const span = dayCount(input.from, input.to);
  if (!(span >= 0 && span < maxRangeDays))
    throw new ValidationError('The range must run forward and span at most a year', [
      { path: 'to', message: `must be on or after from and within ${maxRangeDays} days of it` },
    ]);
  const claims = await Promise.all(
    (await allClaimsOf(deps.claims, input.partnerId)).map((claim) => asCredited(deps.settlements, claim)),
  );
  const skus = [
    ...new Set(
      claims
        .flatMap((claim) =>
          claim.lines.filter((_, index) => (claim.results[index]?.approvedQuantity ?? 0) > 0),
        )
        .map((line) => line.productSku),
    ),
  ];
  if (skus.length === 0) return { created: [], existing: [], unmatched: [] };
  const returns = (await deps.evidence.returnsOf(input.partnerId, skus, input.from, input.to)).sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      a.invoiceNumber.localeCompare(b.invoiceNumber) ||
      a.invoiceLine.localeCompare(b.invoiceLine),
  );
  const created: ShipAndDebitBillBack[] = [];
  const existing: ShipAndDebitBillBack[] = [];
  const unmatched: PosReturn[] = [];
  // One after the other: two returns of the same units must see each other's reversals.
  for (const returned of returns) {
    const outcome = await billBackOne(deps, actor, input.partnerId, returned, claims);
    if ('unmatched' in outcome) unmatched.push(returned);
    else if ('existing' in outcome) existing.push(outcome.existing);
    else created.push(outcome);
  }
  return { created, existing, unmatched };
}

/** How far back a POS file's returns are looked for when it completes: returns come within weeks of the resale. */
export const returnLookbackDays = 90;

/** Who bills back on its own: the system, acting with the rights a detection needs. */
const systemDetector: Actor = { userId: 'system', role: 'admin' };

/**
 * A partner's POS file was processed: if it is a completed sell-through file, its returns (and any others of
 * the partner invoiced in the `returnLookbackDays` before) are billed back at once, as a staff detection
 * would (idempotent per return line, so a file processed twice, or a detection run besides, bills each back
 * once). Inventory files, duplicates and failed files bill back nothing.
 */
export async function billBackReturnsOfPosFile(
  deps: BillBackDeps,
  file: Pick<ChannelFileProcessedV1, 'partnerId' | 'kind' | 'status' | 'occurredAt'>,
): Promise<BillBackDetection | undefined> {
  if (file.kind !== 'pos' || !['completed', 'completed_with_rejections'].includes(file.status))
    return undefined;
  const to = file.occurredAt.slice(0, 10);
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - returnLookbackDays * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return billBackReturns(deps, systemDetector, { partnerId: file.partnerId, from, to });
}
