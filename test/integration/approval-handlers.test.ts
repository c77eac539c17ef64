import { beforeAll, describe, expect, it } from 'vitest';
import { decideClaim } from '../../domain/approvals/approval-decision';
import { beginApproval } from '../../domain/approvals/approval-transitions';
import { DynamoClaimStore } from '../../functions/adapters/dynamo-claim-store';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { loadConfig } from '../../functions/shared/config';
import { type ApiHandler, callHandler } from '../support/api-handler-call';
import { createTestTable } from '../support/test-table';
import { validatedClaim, waitingTask } from '../unit/approvals/claims';

let listApprovals: ApiHandler;
let decide: ApiHandler;
let answer: ApiHandler;

beforeAll(async () => {
  await createTestTable();
  Object.assign(process.env, { EVENT_BUS_NAME: 'chrm-test', UPLOADS_BUCKET: 'chrm-test-uploads' });
  // Handlers read their settings at load, so they are imported once the table exists.
  listApprovals = (await import('../../functions/api/approvals/list-approvals')).handler as ApiHandler;
  decide = (await import('../../functions/api/approvals/decide-approval-task')).handler as ApiHandler;
  answer = (await import('../../functions/api/approvals/answer-returned-claim')).handler as ApiHandler;
  // A claim of P1 returned to its partner with a question.
  const config = loadConfig();
  const claims = new DynamoClaimStore(createDocumentClient(config), config.TABLE_NAME);
  const inApproval = beginApproval(validatedClaim({ claimId: 'CLM-ISO' }), '2026-04-02T10:00:00.000Z');
  const returned = decideClaim(
    inApproval,
    waitingTask(inApproval, ['approver'], 0),
    { userId: 'u-appr', role: 'approver' },
    { decision: 'returnToPartner', question: 'Invoice copy?' },
    '2026-04-03T10:00:00.000Z',
  ).claim;
  await claims.create(validatedClaim({ claimId: 'CLM-ISO' }));
  await claims.transition(inApproval, 'validated');
  await claims.transition(returned, 'inApproval');
});

const partnerOf = (partnerId: string) => ({ sub: `u-${partnerId}`, role: 'partner', partnerId });

describe('approval handlers: partners and bad requests', () => {
  it('a partner has no inbox (403) and cannot decide (403, before the body is read)', async () => {
    expect((await callHandler(listApprovals, { as: partnerOf('P1') })).statusCode).toBe(403);
    const refused = await callHandler(decide, {
      as: partnerOf('P1'),
      path: { taskId: 'x' },
      body: 'not json',
    });
    expect(refused.statusCode).toBe(403);
  });

  it('an unknown task is 404; a bad partial amount is 400 with the field', async () => {
    const approver = { sub: 'u-appr-2', role: 'approver' };
    const unknown = await callHandler(decide, {
      as: approver,
      path: { taskId: 'nope' },
      body: { decision: 'approve' },
    });
    expect(unknown.statusCode).toBe(404);
    const bad = await callHandler(decide, {
      as: approver,
      path: { taskId: 'nope' },
      body: { decision: 'reject' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it("another partner answering P1's returned claim is told it does not exist (404); its own partner waits for the task (409)", async () => {
    const foreign = await callHandler(answer, {
      as: partnerOf('P2'),
      path: { claimId: 'CLM-ISO' },
      body: { answer: 'x' },
    });
    expect(foreign.statusCode).toBe(404);
    const early = await callHandler(answer, {
      as: partnerOf('P1'),
      path: { claimId: 'CLM-ISO' },
      body: { answer: 'x' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.headers?.['content-type']).toBe('application/problem+json');
  });
});
