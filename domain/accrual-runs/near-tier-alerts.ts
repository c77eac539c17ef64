import {
  detailType,
  type PartnerNearTierV1,
  partnerNearTierV1,
  source,
} from '../../events/partner-near-tier.v1';
import type { Actor, Role } from '../access/actor';
import { requireRole, requireVisibleTo } from '../access/policies';
import { measurementWindows } from '../accruals/measurement-window';
import { BusinessRuleError } from '../shared/errors';
import type { Page, PageRequest } from '../shared/ports';
import { getVersioned } from '../shared/versioned-record';
import { alertsNearTier, type NearTierAlert, nearTierAlerts } from './near-tier';
import type { AccrualRunDeps, NearTierAlertStore, StoredNearTierAlert } from './ports';
import { programRunPeriod } from './run-measurement';
import { computedProgram, recordedProgram } from './run-steps';

export interface NearTierDeps
  extends Pick<AccrualRunDeps, 'runs' | 'programVersions' | 'snapshots' | 'workspace' | 'events' | 'clock'> {
  readonly nearTierAlerts: NearTierAlertStore;
}

/** Channel managers work with the alerts; finance and admins see them too; a partner sees its own. */
const alertReaders: readonly Role[] = ['channel_manager', 'finance', 'admin', 'partner'];

/** An alert's name on the bus: one per run, program, period and partner. */
const alertIdOf = (alert: NearTierAlert) =>
  [alert.runId, alert.programId, alert.period, alert.partnerId].join('/');

/** The alert's event: its fields (the contract leaves out `flaggedAt` and `publishedAt`), flagged when it occurred. */
const eventOf = (alert: StoredNearTierAlert): PartnerNearTierV1 =>
  partnerNearTierV1.parse({ ...alert, version: 1, alertId: alertIdOf(alert), occurredAt: alert.flaggedAt });

/**
 * After a run completed: the partners near their next tier in each program period it measured. Main
 * course: each tiered program of the run (the version it recorded) → each partner's volume and tier reached
 * per period, as the run's prepare step computed them with its entries (the engine's tier decisions; a run
 * prepared before they were written is recomputed from its snapshot) → the alerts within the program's
 * distance → per period measured, the alerts stored (replacing the previous run's), those no longer near
 * removed, and `PartnerNearTier` published for each alert not yet published. A repeated delivery of the
 * run's completion finds its alerts stored and published and publishes nothing more.
 */
export async function flagNearTierPartners(deps: NearTierDeps, runId: string): Promise<NearTierAlert[]> {
  const run = await getVersioned(deps.runs, runId, 'Accrual run');
  if (run.status !== 'completed' || run.completedAt === null) {
    throw new BusinessRuleError(`accrual run '${runId}' is ${run.status}`);
  }
  const completedAt = run.completedAt;
  const flagged: NearTierAlert[] = [];
  for (const step of run.programs) {
    const program = await recordedProgram(deps, step);
    if (!alertsNearTier(program)) continue;
    const { standings } = await computedProgram(deps, run, step, program);
    const periods = measurementWindows(program, programRunPeriod(run, step.programId)).map(
      (window) => window.period,
    );
    const alerts = nearTierAlerts(program, runId, standings, periods);
    for (const { label } of periods) {
      await replacePeriodAlerts(deps, {
        runId,
        completedAt,
        programId: program.programId,
        period: label,
        alerts: alerts.filter((alert) => alert.period === label),
      });
    }
    flagged.push(...alerts);
  }
  return flagged;
}

/**
 * One program period's alerts after a run. Runs' completions may be delivered out of order (a retry, a
 * slow rule target): when a run completed later already stored alerts of this period, its view stands and
 * an earlier run's late delivery changes nothing.
 */
async function replacePeriodAlerts(
  deps: NearTierDeps,
  of: {
    readonly runId: string;
    readonly completedAt: string;
    readonly programId: string;
    readonly period: string;
    readonly alerts: readonly NearTierAlert[];
  },
) {
  const previous = await deps.nearTierAlerts.ofProgramPeriod(of.programId, of.period);
  if (previous.some((alert) => alert.runId !== of.runId && alert.runCompletedAt > of.completedAt)) return;
  const near = new Set(of.alerts.map((alert) => alert.partnerId));
  for (const stale of previous) {
    if (!near.has(stale.partnerId)) await deps.nearTierAlerts.remove(stale);
  }
  const flaggedAt = deps.clock().toISOString();
  for (const alert of of.alerts) {
    const stored: StoredNearTierAlert = {
      ...alert,
      flaggedAt,
      runCompletedAt: of.completedAt,
      publishedAt: null,
    };
    if (!(await deps.nearTierAlerts.save(stored))) continue;
    // Stored before published, marked after: a failure in between publishes again on retry, never not at all.
    await deps.events.publish({ source, detailType, detail: eventOf(stored) });
    await deps.nearTierAlerts.markPublished(stored, deps.clock().toISOString());
  }
}

/**
 * The current near-tier alerts a page at a time, of one program and/or partner when asked. A partner
 * sees only its own: asking for another partner's is "not found".
 */
export async function listNearTierAlerts(
  deps: Pick<NearTierDeps, 'nearTierAlerts'>,
  actor: Actor,
  input: { readonly programId?: string | undefined; readonly partnerId?: string | undefined },
  page: PageRequest,
): Promise<Page<StoredNearTierAlert>> {
  requireRole(actor, alertReaders);
  requireVisibleTo(actor, input.partnerId, 'Partner');
  const partnerId = actor.role === 'partner' ? actor.partnerId : input.partnerId;
  return deps.nearTierAlerts.list({ programId: input.programId, partnerId }, page);
}
