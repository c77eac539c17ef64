import type { Actor, Role } from '../access/actor';
import { requireRole } from '../access/policies';
import { systemActor } from '../approvals/approval-transitions';
import type { ChannelLineQueries, StoredLine } from '../channel-files/ports';
import type { Claim } from '../claims/claim';
import type { ClaimStore } from '../claims/ports';
import { runLimited } from '../payments/run-limited';
import { effectivePriceOn } from '../price-lists/effective-price';
import type { PriceEntry, PriceEntryData, PriceEntryGroup, PriceEntryId } from '../price-lists/price-list';
import { BusinessRuleError, StateConflictError } from '../shared/errors';
import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';
import type { CurrencyCode } from '../shared/money/money';
import type { Clock, EventPublisher, RecordStore } from '../shared/ports';
import {
  changeOf,
  daysBefore,
  isProtectedChange,
  type PriceChange,
  partnerProtection,
} from './partner-protection';
import type { PriceProtectionStore } from './ports';
import {
  type PriceProtectionLine,
  type PriceProtectionRun,
  type PriceProtectionRunRequest,
  priceProtectionClaimId,
  priceProtectionRunId,
  type RunOutcome,
} from './price-protection-run';
import { amountAfterOffsets, type RecoveryOffset, recoveryOffsets } from './recovery-offsets';

export interface PriceProtectionDeps {
  readonly store: PriceProtectionStore;
  readonly claims: ClaimStore;
  readonly channel: ChannelLineQueries;
  readonly priceEntries: RecordStore<PriceEntryData, PriceEntryId, PriceEntryGroup>;
  readonly events: EventPublisher;
  readonly clock: Clock;
}

/** A run with its partner lines and the claims they generated. */
export interface RunWithLines {
  readonly run: PriceProtectionRun;
  readonly lines: readonly PriceProtectionLine[];
  readonly claims: readonly Claim[];
}

export const runStarters: readonly Role[] = ['channel_manager', 'admin'];

/** Partners computed at once: each reads its snapshots and sale lines. */
const partnerConcurrency = 4;

async function entriesOf(deps: PriceProtectionDeps, priceListId: string, sku: string): Promise<PriceEntry[]> {
  const entries: PriceEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.priceEntries.list({
      limit: 100,
      group: { priceListId, sku },
      ...(cursor === undefined ? {} : { cursor }),
    });
    entries.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return entries;
}

async function salesUpTo(deps: PriceProtectionDeps, partnerId: string, sku: string, to: string) {
  const sales: StoredLine[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.channel.salesOfProduct(partnerId, sku, '0000-01-01', to, { limit: 1000, cursor });
    sales.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return sales;
}

/** The change an entry makes: its book cost against the one in force the day before it. */
function priceChangeOf(entries: readonly PriceEntry[], request: PriceProtectionRunRequest): PriceChange {
  const entry = entries.find((each) => each.effectiveFrom === request.effectiveFrom);
  if (entry === undefined) {
    const message = `no price entry of '${request.sku}' starts on ${request.effectiveFrom} in '${request.priceListId}'`;
    throw new BusinessRuleError(message, [{ path: 'effectiveFrom', message }]);
  }
  const before = effectivePriceOn(entries, daysBefore(request.effectiveFrom, 1));
  if (before === undefined) {
    const message = `the entry is the first price of '${request.sku}': no price changed`;
    throw new BusinessRuleError(message, [{ path: 'effectiveFrom', message }]);
  }
  return {
    priceListId: request.priceListId,
    sku: request.sku,
    effectiveFrom: request.effectiveFrom,
    currency: entry.currency as CurrencyCode,
    oldUnitCost: before.entry.bookCost,
    newUnitCost: entry.bookCost,
  };
}

function outcomeOf(change: PriceChange, request: PriceProtectionRunRequest): RunOutcome {
  const { direction } = changeOf(change);
  if (direction === 'unchanged') return 'unchanged';
  if (direction === 'increase')
    return isProtectedChange(change, request.term) ? 'recoveryComputed' : 'increaseNoClaim';
  return isProtectedChange(change, request.term) ? 'claimsGenerated' : 'belowMinimum';
}

/** JSON with object keys sorted: a stored request reads back with its keys in another order. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([key, each]) => `${JSON.stringify(key)}:${canonical(each)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sameRequest = (a: PriceProtectionRunRequest, b: PriceProtectionRunRequest) =>
  canonical(a) === canonical(b);

/** The claim a line generated: built from the stored line alone, so a retry builds the same claim. */
export function claimOfLine(run: PriceProtectionRun, line: PriceProtectionLine): Claim {
  const protection = line.protection;
  if (line.claimId === undefined || protection === undefined) {
    throw new BusinessRuleError(
      `line of partner '${line.partnerId}' in run '${run.runId}' generated no claim`,
    );
  }
  const { priceListId, sku, effectiveFrom } = run.request;
  const offsets = line.recoveryOffsets ?? [];
  const amount = amountAfterOffsets(protection.amount, offsets, run.currency);
  return {
    claimId: line.claimId,
    type: 'priceProtection',
    partnerId: line.partnerId,
    // The run stands for the program: the claim's ledger posting and checkbook name the run.
    programId: run.runId,
    period: effectiveFrom.slice(0, 7),
    fund: 'rebate',
    currency: run.currency,
    lines: [
      {
        lineNumber: 1,
        amount,
        reference: `${priceListId}/${sku}/${effectiveFrom}`,
        // The recoveries it pays less for, as the route that shows each.
        evidence: offsets.map((offset) => `price-protection-recoveries/${offset.runId}`),
      },
    ],
    amountClaimed: amount,
    status: 'submitted',
    submittedBy: systemActor,
    submittedAt: line.createdAt,
    validationFailures: [],
    history: [
      {
        at: line.createdAt,
        by: systemActor,
        from: null,
        to: 'submitted',
        comment: `generated by price protection run ${run.runId}; awaiting the partner's review`,
      },
    ],
    ...(protection.review.length === 0 ? {} : { reviewRequired: [...protection.review] }),
    version: 1,
  };
}

/** Computes one partner's line of a run (no claim stored yet). */
async function lineOf(
  deps: PriceProtectionDeps,
  run: PriceProtectionRun,
  change: PriceChange,
  entries: readonly PriceEntry[],
  partnerId: string,
): Promise<PriceProtectionLine> {
  const at = deps.clock().toISOString();
  const [snapshots, sales] = await Promise.all([
    deps.channel.inventorySnapshots(partnerId, change.sku, '0000-01-01', change.effectiveFrom),
    salesUpTo(deps, partnerId, change.sku, change.effectiveFrom),
  ]);
  const protection = partnerProtection({
    partnerId,
    change,
    term: run.request.term,
    snapshots,
    sales,
    unitCostOn: (date) => effectivePriceOn(entries, date)?.entry.bookCost,
  });
  const base = { runId: run.runId, partnerId, createdAt: at, version: 1 };
  if (protection === undefined) return { ...base, status: 'nothingToProtect' };
  const amount = toMinorUnits(protection.amount, run.currency);
  if (run.outcome === 'recoveryComputed' && amount !== 0n) return { ...base, status: 'recovery', protection };
  if (run.outcome !== 'claimsGenerated' || amount <= 0n)
    return { ...base, status: 'nothingToProtect', protection };
  const claimId = priceProtectionClaimId(run.runId, partnerId);
  const offsets = await takeRecoveries(deps, run, partnerId, claimId, protection.amount);
  return {
    ...base,
    status: 'awaitingPartner',
    protection,
    claimId,
    ...(offsets.length === 0 ? {} : { recoveryOffsets: offsets }),
  };
}

/**
 * Sets the partner's open recoveries (earlier runs' `recovery` lines in the run's currency) against the claim
 * `claimId` will be (`recoveryOffsets`): each is marked taken by that claim with a write conditioned on its
 * version before the claim's line is stored, so no recovery is taken twice; one another claim took first is
 * left out. Recoveries already marked by this claim (a run that died before storing its line) are its own.
 */
async function takeRecoveries(
  deps: PriceProtectionDeps,
  run: PriceProtectionRun,
  partnerId: string,
  claimId: string,
  amount: string,
): Promise<RecoveryOffset[]> {
  const recoveries: PriceProtectionLine[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.store.linesOfPartner(partnerId, { limit: 100, cursor });
    for (const line of page.items) {
      const open = line.offsetByClaimId === undefined || line.offsetByClaimId === claimId;
      if (line.status === 'recovery' && open && line.protection !== undefined) recoveries.push(line);
    }
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  const currencies = new Map<string, string | undefined>();
  for (const runId of new Set(recoveries.map((line) => line.runId)))
    currencies.set(runId, (await deps.store.getRun(runId))?.currency);
  const candidates = recoveries
    .filter((line) => currencies.get(line.runId) === run.currency)
    .map((line) => ({
      line,
      runId: line.runId,
      amount: line.protection?.amount ?? '0',
      createdAt: line.createdAt,
    }));
  const taken: RecoveryOffset[] = [];
  const at = deps.clock().toISOString();
  for (const offset of recoveryOffsets(candidates, amount, run.currency)) {
    const line = candidates.find((candidate) => candidate.runId === offset.runId)?.line;
    if (line === undefined) continue;
    const mine =
      line.offsetByClaimId === claimId ||
      (await deps.store.replaceLine({
        ...line,
        offsetByClaimId: claimId,
        offsetAt: at,
        version: line.version + 1,
      }));
    if (mine) taken.push(offset);
  }
  return taken;
}

/** What a claim line's claim asks: its protection less the recoveries it sets against. */
const claimedOn = (run: PriceProtectionRun, line: PriceProtectionLine) =>
  amountAfterOffsets(line.protection?.amount ?? '0', line.recoveryOffsets ?? [], run.currency);

const claimLineStatuses: readonly PriceProtectionLine['status'][] = [
  'awaitingPartner',
  'accepted',
  'disputed',
];

/**
 * Runs price protection for one price entry. Main course: the entry and the one before it give the change
 * → a decrease of at least the term's minimum protects; a smaller one, an increase or no change generates
 * nothing (an increase the term recovers stores each partner's recovery, a negative amount it owes, and no
 * claim) → for each partner named, its snapshots and sale lines up to the change give its protection (see
 * `partnerProtection`) → a protected partner's open recoveries are set against its claim (`takeRecoveries`)
 * → the line is stored first, then its claim (`priceProtection`, `submitted`: awaiting the partner's
 * review) built from the line, paying the protection less those recoveries. Idempotent per price entry and partner: the run and
 * claim ids derive from them, so re-running finds the run, keeps the lines stored and only completes what
 * a failed run left out. A second run of the same entry with another term or partners is a 409.
 */
export async function runPriceProtection(
  deps: PriceProtectionDeps,
  actor: Actor,
  request: PriceProtectionRunRequest,
): Promise<RunWithLines & { readonly created: boolean }> {
  requireRole(actor, runStarters);
  const entries = await entriesOf(deps, request.priceListId, request.sku);
  const change = priceChangeOf(entries, request);
  const runId = priceProtectionRunId(request.priceListId, request.sku, request.effectiveFrom);
  let run = await deps.store.getRun(runId);
  const created = run === undefined;
  if (run === undefined) {
    const { direction, percent } = changeOf(change);
    const fresh: PriceProtectionRun = {
      runId,
      request,
      currency: change.currency,
      oldUnitCost: change.oldUnitCost,
      newUnitCost: change.newUnitCost,
      direction,
      changePercent: percent,
      outcome: outcomeOf(change, request),
      status: 'running',
      totalClaimed: fromMinorUnits(0n, change.currency),
      claimCount: 0,
      createdBy: { userId: actor.userId, role: actor.role },
      createdAt: deps.clock().toISOString(),
    };
    run = (await deps.store.createRun(fresh)) ? fresh : await deps.store.getRun(runId);
    if (run === undefined) throw new StateConflictError(`price protection run '${runId}' vanished`);
  }
  if (!sameRequest(run.request, request)) {
    throw new StateConflictError(
      `price entry ${request.priceListId}/${request.sku}/${request.effectiveFrom} was run as '${run.runId}' with another term or partners`,
    );
  }
  const current = run;
  const protects = current.outcome === 'claimsGenerated' || current.outcome === 'recoveryComputed';
  const lines = !protects
    ? []
    : await runLimited(request.partnerIds, partnerConcurrency, async (partnerId) => {
        let line = await deps.store.getLine(runId, partnerId);
        if (line === undefined) {
          const computed = await lineOf(deps, current, change, entries, partnerId);
          line = (await deps.store.createLine(computed))
            ? computed
            : await deps.store.getLine(runId, partnerId);
          if (line === undefined)
            throw new StateConflictError(`line of '${partnerId}' in '${runId}' vanished`);
        }
        // The line was stored first: a run that died before the claim left exactly this claim to create.
        if (line.claimId !== undefined) await deps.claims.create(claimOfLine(current, line));
        return line;
      });
  const claimIds = lines.flatMap((line) => (line.claimId === undefined ? [] : [line.claimId]));
  const claims = await deps.claims.getAll(claimIds);
  const claimed = lines
    .filter((line) => claimLineStatuses.includes(line.status) && line.protection !== undefined)
    .reduce((total, line) => total + toMinorUnits(claimedOn(current, line), current.currency), 0n);
  const completed: PriceProtectionRun =
    current.status === 'completed'
      ? current
      : {
          ...current,
          status: 'completed',
          totalClaimed: fromMinorUnits(claimed, current.currency),
          claimCount: claimIds.length,
          completedAt: deps.clock().toISOString(),
        };
  if (completed !== current) await deps.store.saveRun(completed);
  return {
    run: completed,
    lines,
    claims: claimIds.flatMap((id) => {
      const claim = claims.get(id);
      return claim === undefined ? [] : [claim];
    }),
    created,
  };
}
