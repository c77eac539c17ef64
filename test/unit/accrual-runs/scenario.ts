import type { ProgramRunResult } from '../../../domain/accrual-runs/accrual-run';
import type { AccrualRunDeps } from '../../../domain/accrual-runs/ports';
import {
  completeAccrualRun,
  postProgramAccruals,
  prepareAccrualRun,
} from '../../../domain/accrual-runs/run-steps';
import { requestAccrualRun } from '../../../domain/accrual-runs/run-use-cases';
import type { RunPeriod } from '../../../domain/accruals/measurement-window';
import { activateProgram, createProgram } from '../../../domain/programs/program-lifecycle';
import { approver, channelManager, finance } from '../../support/actors';
import { march2026 } from '../accruals/builders';
import { programDefinition } from '../programs/builders';
import type { FakeAccrualRunDeps } from './fakes';

/** Drafts a program as the channel manager and activates it as the approver; answers the version in force. */
export async function inForce(
  deps: FakeAccrualRunDeps,
  overrides: Parameters<typeof programDefinition>[0] = {},
) {
  const definition = programDefinition(overrides);
  await createProgram(deps, channelManager, definition);
  const activated = await activateProgram(deps, approver, {
    programId: definition.programId,
    expectedVersion: 1,
  });
  if (activated.active === null) throw new Error('activation left nothing in force');
  return activated.active;
}

/** Requests and prepares a run, without posting. */
export async function preparedRun(deps: AccrualRunDeps, period: RunPeriod = march2026) {
  const run = await requestAccrualRun(deps, finance, { period });
  const steps = await prepareAccrualRun(deps, run.runId);
  return { runId: run.runId, steps };
}

/** A whole run as the workflow drives it: prepare → post every program → complete. */
export async function completedRun(deps: AccrualRunDeps, period: RunPeriod = march2026) {
  const { runId, steps } = await preparedRun(deps, period);
  const results: ProgramRunResult[] = [];
  for (const step of steps) results.push(await postProgramAccruals(deps, step));
  const event = await completeAccrualRun(deps, { runId, results });
  return { runId, steps, results, event };
}
