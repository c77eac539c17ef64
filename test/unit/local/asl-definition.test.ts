import { describe, expect, it } from 'vitest';
import { type AslDefinition, runnerDefinition } from '../../../infra/local/asl-definition';

const longestTimerSeconds = 2_147_483;

const definition = (states: AslDefinition['States'], timeoutSeconds?: number): AslDefinition => ({
  StartAt: Object.keys(states)[0],
  States: states,
  ...(timeoutSeconds === undefined ? {} : { TimeoutSeconds: timeoutSeconds }),
});

describe('the definition the local runner is given', () => {
  it('cuts an execution timeout longer than Node timers keep, which would otherwise end it at once', () => {
    const ninetyDays = runnerDefinition(definition({ Done: { Type: 'Succeed' } }, 90 * 86_400));
    expect(ninetyDays.TimeoutSeconds).toBe(longestTimerSeconds);
    expect(runnerDefinition(definition({ Done: { Type: 'Succeed' } }, 14_400)).TimeoutSeconds).toBe(14_400);
  });

  it("lets a task without TimeoutSeconds run past the library's 60 s, and keeps one that has it", () => {
    const runner = runnerDefinition(
      definition({
        Ingest: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Post' },
        Post: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', TimeoutSeconds: 900, End: true },
      }),
    );
    expect(runner.States.Ingest?.TimeoutSeconds).toBe(longestTimerSeconds);
    expect(runner.States.Post?.TimeoutSeconds).toBe(900);
  });

  it('leaves the timeout and heartbeat of a callback task to the stand-in, and refuses their Path forms', () => {
    const callback = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      TimeoutSeconds: 60,
      HeartbeatSeconds: 10,
      End: true,
    };
    const original = definition({ Approve: callback });
    const runner = runnerDefinition(original);
    expect(runner.States.Approve).toMatchObject({ TimeoutSeconds: longestTimerSeconds });
    expect(runner.States.Approve?.HeartbeatSeconds).toBeUndefined();
    expect(original.States.Approve).toMatchObject({ TimeoutSeconds: 60, HeartbeatSeconds: 10 });
    expect(() =>
      runnerDefinition(definition({ Approve: { ...callback, TimeoutSecondsPath: '$.timeout' } })),
    ).toThrow(/Approve sets TimeoutSecondsPath/);
  });
});
