import type { Actor } from '../../../domain/access/actor';
import { requestAccrualRun } from '../../../domain/accrual-runs/run-use-cases';
import { activateProgram, createProgram } from '../../../domain/programs/program-lifecycle';
import type { createAccrualDeps } from '../../../functions/accruals/create-accrual-deps';
import { demoPrograms } from './demo-programs';

const channelManager: Actor = { userId: 'demo-channel-manager', role: 'channel_manager' };
const approver: Actor = { userId: 'demo-approver', role: 'approver' };
const finance: Actor = { userId: 'demo-finance', role: 'finance' };

export interface DemoRun {
  readonly runId: string;
  readonly status: string;
  readonly lineCount: number;
  readonly results: readonly {
    readonly programId: string;
    readonly postings: number;
    readonly earned: unknown;
  }[];
}

/**
 * Drafts the demo programs as a channel manager and activates them as an approver (the two-person rule),
 * then runs March 2026's accruals through the real workflow. Programs already there are left as they are.
 */
export async function seedDemoPrograms(
  deps: ReturnType<typeof createAccrualDeps>,
): Promise<DemoRun | undefined> {
  let created = 0;
  for (const definition of demoPrograms) {
    if ((await deps.programs.get(definition.programId)) !== undefined) continue;
    const draft = await createProgram(deps, channelManager, definition);
    await activateProgram(deps, approver, { programId: draft.programId, expectedVersion: draft.version });
    created++;
  }
  if (created === 0) return undefined;
  const run = await requestAccrualRun(deps, finance, { period: { start: '2026-03-01', end: '2026-03-31' } });
  for (let attempt = 0; attempt < 600; attempt++) {
    const current = await deps.runs.get(run.runId);
    if (current !== undefined && (current.status === 'completed' || current.status === 'failed')) {
      return {
        runId: current.runId,
        status: current.status,
        lineCount: current.lineCount,
        results: current.results.map(({ programId, postings, earned }) => ({ programId, postings, earned })),
      };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Demo accrual run ${run.runId} did not finish`);
}
