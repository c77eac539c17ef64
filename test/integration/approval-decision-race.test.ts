import { beforeAll, describe, expect, it } from 'vitest';
import { decideTask } from '../../domain/approvals/approval-use-cases';
import { openApprovalTask, startClaimApproval } from '../../domain/approvals/approval-workflow-steps';
import type { ApprovalDeps } from '../../domain/approvals/ports';
import { StateConflictError } from '../../domain/shared/errors';
import { approvalPolicyStore } from '../../functions/adapters/approval-policy-store';
import { DynamoApprovalTaskStore } from '../../functions/adapters/dynamo-approval-task-store';
import { DynamoClaimStore } from '../../functions/adapters/dynamo-claim-store';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { loadConfig } from '../../functions/shared/config';
import { approver } from '../support/actors';
import { approvalTaskStoreContract } from '../support/approval-task-store-contract';
import { createTestTable } from '../support/test-table';
import { validatedClaim } from '../unit/approvals/claims';
import { RecordingResumer } from '../unit/approvals/fakes';

let deps: ApprovalDeps;
let tasks: DynamoApprovalTaskStore;
let resumer: RecordingResumer;

beforeAll(async () => {
  await createTestTable();
  const config = loadConfig();
  const client = createDocumentClient(config);
  tasks = new DynamoApprovalTaskStore(client, config.TABLE_NAME);
  resumer = new RecordingResumer();
  deps = {
    policies: approvalPolicyStore(client, config.TABLE_NAME),
    claims: new DynamoClaimStore(client, config.TABLE_NAME),
    tasks,
    resumer,
    events: { publish: async () => undefined },
    settle: async () => true,
    clock: () => new Date(),
  };
});

describe('approval tasks on DynamoDB Local', () => {
  it('two approvers deciding one task at once: exactly one decision, the other a 409, the workflow resumed once', async () => {
    await deps.claims.create(validatedClaim({ claimId: 'CLM-RACE' }));
    const state = await startClaimApproval(deps, { claimId: 'CLM-RACE' });
    await openApprovalTask(deps, {
      state,
      kind: 'decision',
      taskId: 'CLM-RACE.a',
      resumeToken: 'secret-token',
    });

    const deciders = ['u-appr-1', 'u-appr-2', 'u-appr-3', 'u-appr-4'].map((userId) => ({
      userId,
      role: 'approver' as const,
    }));
    const outcomes = await Promise.allSettled(
      deciders.map((actor) =>
        decideTask(deps, actor, { taskId: 'CLM-RACE.a', decision: { decision: 'approve' } }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((outcome) => outcome.status === 'rejected')) {
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(StateConflictError);
    }
    expect(resumer.sent.filter((sent) => sent.taskId === 'CLM-RACE.a')).toHaveLength(1);
    const claim = await deps.claims.get('CLM-RACE');
    expect(claim?.history.filter((entry) => entry.from === 'inApproval')).toHaveLength(1);
    expect(claim?.version).toBe(3);
  });

  it('keeps the task token server-side: no read returns it, only the resumer’s own lookup', async () => {
    await deps.claims.create(validatedClaim({ claimId: 'CLM-TOKEN' }));
    const state = await startClaimApproval(deps, { claimId: 'CLM-TOKEN' });
    await openApprovalTask(deps, {
      state,
      kind: 'decision',
      taskId: 'CLM-TOKEN.a',
      resumeToken: 'secret-token-2',
    });
    const reads = [
      await tasks.get('CLM-TOKEN.a'),
      ...(await tasks.ofClaim('CLM-TOKEN')),
      ...(await tasks.waitingFor('approver', { limit: 100 })).items,
    ];
    expect(reads.length).toBeGreaterThan(2);
    expect(JSON.stringify(reads)).not.toContain('secret-token-2');
    expect(await tasks.tokenOf('CLM-TOKEN.a')).toBe('secret-token-2');
  });

  it('a decided task leaves the inbox; opening the same task again (a retried step) changes nothing', async () => {
    await deps.claims.create(validatedClaim({ claimId: 'CLM-INBOX' }));
    const state = await startClaimApproval(deps, { claimId: 'CLM-INBOX' });
    await openApprovalTask(deps, { state, kind: 'decision', taskId: 'CLM-INBOX.a', resumeToken: 't' });
    await decideTask(deps, approver, { taskId: 'CLM-INBOX.a', decision: { decision: 'approve' } });
    await openApprovalTask(deps, { state, kind: 'decision', taskId: 'CLM-INBOX.a', resumeToken: 't' });
    expect((await tasks.get('CLM-INBOX.a'))?.status).toBe('decided');
    const inbox = await tasks.waitingFor('approver', { limit: 100 });
    expect(inbox.items.map((task) => task.taskId)).not.toContain('CLM-INBOX.a');
  });
});

approvalTaskStoreContract('DynamoApprovalTaskStore', async () => tasks);
