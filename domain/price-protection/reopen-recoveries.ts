import type { Clock } from '../shared/ports';
import type { PriceProtectionLine } from './price-protection-run';
import type { PriceProtectionDeps } from './run-price-protection';

/** A claim's final decision, as `ClaimDecided` carries it. */
export interface ClaimDecision {
  readonly claimId: string;
  readonly outcome: 'approved' | 'partiallyApproved' | 'rejected';
}

/** Attempts per recovery when concurrent writers keep moving its version. */
const maxAttempts = 5;

/**
 * Opens again the recoveries a rejected price protection claim had set against what it paid: the claim pays
 * nothing, so what the partner owes is still owed, and the partner's next claim nets it (`takeRecoveries`).
 * Main course: a decision other than `rejected`, or a claim that is no generated price protection claim,
 * changes nothing → the claim's line (its run is the claim's program) lists the recoveries it took
 * (`recoveryOffsets`) → each recovery still taken by this claim loses `offsetByClaimId` and records the
 * reopening, by a write conditioned on its version. Idempotent: a recovery another claim took since, or one
 * reopened already, is left as it is, so a redelivered decision neither reopens twice nor takes a recovery
 * back from the claim that nets it now. An approval in part keeps the netting: the claim did pay, less.
 * Returns the runs whose recoveries were reopened.
 */
export async function reopenRecoveries(
  deps: Pick<PriceProtectionDeps, 'store' | 'claims' | 'clock'>,
  decision: ClaimDecision,
): Promise<string[]> {
  if (decision.outcome !== 'rejected') return [];
  const claim = await deps.claims.get(decision.claimId);
  if (claim?.type !== 'priceProtection') return [];
  const line = await deps.store.getLine(claim.programId, claim.partnerId);
  if (line?.claimId !== claim.claimId) return [];
  const reopened: string[] = [];
  for (const offset of line.recoveryOffsets ?? []) {
    if (await reopenOne(deps, offset.runId, claim.partnerId, claim.claimId)) reopened.push(offset.runId);
  }
  return reopened;
}

async function reopenOne(
  deps: Pick<PriceProtectionDeps, 'store'> & { readonly clock: Clock },
  runId: string,
  partnerId: string,
  claimId: string,
): Promise<boolean> {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const recovery = await deps.store.getLine(runId, partnerId);
    if (recovery?.status !== 'recovery' || recovery.offsetByClaimId !== claimId) return false;
    if (await deps.store.replaceLine(reopenedLine(recovery, claimId, deps.clock().toISOString())))
      return true;
  }
  return false;
}

function reopenedLine(recovery: PriceProtectionLine, claimId: string, at: string): PriceProtectionLine {
  const { offsetByClaimId: _taken, offsetAt, ...open } = recovery;
  return {
    ...open,
    reopenings: [...(recovery.reopenings ?? []), { claimId, offsetAt: offsetAt ?? at, reopenedAt: at }],
    version: recovery.version + 1,
  };
}
