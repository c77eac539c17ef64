import { type AccrualAmount, accrualKey } from '../accruals/accrual-entry';
import type { AccrualWorkspace } from '../accruals/engine/compute-accruals';
import { type AccrualScope, computeAccrualAmountsAndStandings } from '../accruals/engine/compute-accruals';
import type { RunPeriod } from '../accruals/measurement-window';
import type { SaleLine } from '../accruals/sale-line';
import { entriesAtLedgerGrain } from '../ledger/ledger-grain';
import type { RebateProgram } from '../programs/program';
import { canonicalJson, fnv1a64 } from '../shared/fingerprint';
import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';
import type { CurrencyCode } from '../shared/money/money';
import { alertsNearTier, type MeasuredTierStanding, measuredStandings } from './near-tier';

/**
 * What one program of a run posts and reports, computed from the run's snapshot: its scopes, its entries
 * summed at the ledger grain, and the figures of all its entries (count, earned, digest). Small whatever the
 * line count, so the prepare step computes every program and each Map item reads only its own.
 */
export interface ProgramComputation {
  readonly programId: string;
  readonly programVersion: number;
  readonly scopes: readonly AccrualScope[];
  readonly grainEntries: readonly AccrualAmount[];
  readonly entryCount: number;
  readonly skippedLines: number;
  readonly earned: Readonly<Record<string, string>>;
  readonly entriesFingerprint: string;
  /**
   * Where each partner stands per period in a program whose partners reach tiers with their own volume (the
   * ones near-tier alerts apply to; empty for the others): the engine's own tier decisions, read from the
   * trace of each pool's first entry. The near-tier alerts read them here instead of rating the lines again.
   */
  readonly standings: readonly MeasuredTierStanding[];
}

/** A program as a run measures it: the version recorded and the period up to its `measuredTo`. */
export interface MeasuredProgram {
  readonly program: RebateProgram;
  readonly period: RunPeriod;
}

/**
 * Every program of a run in one pass over its lines per distinct measurement period (normally one: all
 * programs measured to the run's end): the engine parses the lines once and rates each program from them.
 * Entries are the same as computing each program alone, so a replay, which does that, finds the digest.
 */
export function computePrograms(
  lines: readonly SaleLine[],
  programs: readonly MeasuredProgram[],
  workspace?: AccrualWorkspace,
): ProgramComputation[] {
  const byPeriod = new Map<string, { period: RunPeriod; programs: RebateProgram[] }>();
  for (const { program, period } of programs) {
    const key = `${period.start}/${period.end}`;
    const group = byPeriod.get(key) ?? { period, programs: [] };
    group.programs.push({ ...program, status: 'active' });
    byPeriod.set(key, group);
  }
  const computations: ProgramComputation[] = [];
  for (const group of byPeriod.values()) {
    const run = computeAccrualAmountsAndStandings(
      { lines, programs: group.programs, period: group.period },
      alertsNearTier,
      workspace,
    );
    for (const program of group.programs) {
      const entries = run.entries.filter((entry) => entry.programId === program.programId);
      const leaders = run.poolLeaders.filter((entry) => entry.programId === program.programId);
      computations.push({
        programId: program.programId,
        programVersion: program.version,
        scopes: run.scopes.filter((scope) => scope.programId === program.programId),
        grainEntries: entriesAtLedgerGrain(entries),
        entryCount: entries.length,
        skippedLines: run.skipped.filter((line) => line.programId === program.programId).length,
        earned: byCurrency(sumEntries(entries)),
        entriesFingerprint: entriesFingerprint(entries),
        standings: measuredStandings(leaders),
      });
    }
  }
  return computations.sort((a, b) => (a.programId < b.programId ? -1 : 1));
}

/** A stable digest of entries (key and amount): equal digests mean a replay reproduced the run exactly. */
export function entriesFingerprint(entries: readonly AccrualAmount[]): string {
  return fnv1a64(canonicalJson(entries.map((entry) => [accrualKey(entry), entry.amount])));
}

function sumEntries(entries: readonly AccrualAmount[]): Map<CurrencyCode, bigint> {
  const sums = new Map<CurrencyCode, bigint>();
  for (const entry of entries) {
    sums.set(entry.currency, (sums.get(entry.currency) ?? 0n) + toMinorUnits(entry.amount, entry.currency));
  }
  return sums;
}

/** Sums per currency as amounts, sorted by currency. */
export function byCurrency(sums: ReadonlyMap<CurrencyCode, bigint>): Record<string, string> {
  return Object.fromEntries(
    [...sums]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([currency, sum]) => [currency, fromMinorUnits(sum, currency)]),
  );
}
