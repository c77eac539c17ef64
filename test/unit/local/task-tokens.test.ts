import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DurableRecords } from '../../../infra/local/durable-records';
import { type TaskTokenRecord, TaskTokens } from '../../../infra/local/task-tokens';

const execution = 'arn:aws:states:us-east-1:000000000000:execution:ClaimApproval:claim-1';
const directories: string[] = [];

afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

/** Task tokens kept in a directory, as one process of the stand-in sees them, at a clock the test sets. */
function processOn(directory: string, clock: { now: number }) {
  return new TaskTokens(new DurableRecords<TaskTokenRecord>(directory), () => clock.now);
}

function freshDirectory() {
  const directory = mkdtempSync(path.join(tmpdir(), 'chrm-task-tokens-'));
  directories.push(directory);
  return directory;
}

describe('task tokens', () => {
  it('are the same for the same execution, state and occurrence, and differ otherwise', () => {
    const token = TaskTokens.tokenFor(execution, 'Approve', 1);
    expect(TaskTokens.tokenFor(execution, 'Approve', 1)).toBe(token);
    expect(TaskTokens.tokenFor(execution, 'Approve', 2)).not.toBe(token);
    expect(TaskTokens.tokenFor(execution, 'FinanceApprove', 1)).not.toBe(token);
    expect(TaskTokens.tokenFor(`${execution}-2`, 'Approve', 1)).not.toBe(token);
  });

  it('keep an answer accepted before the process stopped for the run that reaches the task again', async () => {
    const directory = freshDirectory();
    const clock = { now: Date.parse('2026-12-01T09:00:00Z') };
    const before = processOn(directory, clock);
    const { token } = before.open(execution, 'Approve', 1);
    before.markDelivered(token);
    before.succeed(token, '{"decision":"approve"}');
    before.stop();

    const after = processOn(directory, clock);
    const reopened = after.open(execution, 'Approve', 1);
    expect(reopened).toMatchObject({ token, tokenDelivered: true, status: 'succeeded' });
    await expect(after.outcome(token, {})).resolves.toEqual({ decision: 'approve' });
    expect(() => after.succeed(token, '{}')).toThrow(expect.objectContaining({ type: 'TaskTimedOut' }));
  });

  it('count a timeout from when the task started, not from the restart', async () => {
    const directory = freshDirectory();
    const clock = { now: Date.parse('2026-12-01T09:00:00Z') };
    const { token } = processOn(directory, clock).open(execution, 'Approve', 1);
    clock.now += 3_600_000;
    const after = processOn(directory, clock);
    await expect(after.outcome(token, { timeoutSeconds: 600 })).rejects.toMatchObject({
      name: 'States.Timeout',
    });
    expect(after.get(token)).toMatchObject({ status: 'timedOut', error: 'States.Timeout' });
  });

  it('count a heartbeat timeout from the last heartbeat recorded', async () => {
    const directory = freshDirectory();
    const clock = { now: Date.parse('2026-12-01T09:00:00Z') };
    const before = processOn(directory, clock);
    const { token } = before.open(execution, 'Approve', 1);
    clock.now += 50_000;
    before.heartbeat(token);
    clock.now += 30_000;
    const after = processOn(directory, clock);
    // 80 s since the start but 30 s since the beat: still waiting with a 60 s heartbeat.
    const outcome = after.outcome(token, { heartbeatSeconds: 60 });
    after.succeed(token, '"on time"');
    await expect(outcome).resolves.toBe('on time');
  });

  it('wait a month when told to, longer than a Node timer can (which would otherwise fire at once)', async () => {
    const tokens = new TaskTokens();
    const { token } = tokens.open(execution, 'AwaitPartnerAnswer', 1);
    const outcome = tokens.outcome(token, { timeoutSeconds: 30 * 86_400, heartbeatSeconds: 40 * 86_400 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(tokens.get(token)?.status).toBe('waiting');
    tokens.succeed(token, '{"answered":true}');
    await expect(outcome).resolves.toEqual({ answered: true });
  });

  it('close the tasks of an execution that ended, so a late answer is refused', () => {
    const tokens = new TaskTokens();
    const { token } = tokens.open(execution, 'Approve', 1);
    tokens.closeExecution(execution);
    expect(tokens.get(token)?.status).toBe('closed');
    expect(() => tokens.fail(token, 'Rejected')).toThrow(expect.objectContaining({ type: 'TaskTimedOut' }));
    expect(() => tokens.heartbeat('unknown')).toThrow(expect.objectContaining({ type: 'InvalidToken' }));
  });
});
