import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PublishedEvent } from '../../../infra/local/event-bus';
import { compileEventPattern } from '../../../infra/local/event-pattern';
import { busName, deliverToRules, type EventRule } from '../../../infra/local/event-rules';

const published = (overrides: Partial<PublishedEvent> = {}): PublishedEvent => ({
  id: 'e-1',
  eventBusName: 'chrm',
  source: 'chrm.claims',
  detailType: 'ClaimSubmitted',
  detail: { claimId: 'C-1' },
  resources: [],
  time: new Date('2026-12-05T10:00:00.123Z'),
  ...overrides,
});

const fnArn = 'arn:aws:lambda:us-east-1:000000000000:function:StartApproval';
const machineArn = 'arn:aws:states:us-east-1:000000000000:stateMachine:ClaimApproval';

function rule(targets: EventRule['targets'], overrides: Partial<EventRule> = {}): EventRule {
  return {
    name: 'OnClaimSubmitted',
    eventBusName: 'chrm',
    matches: compileEventPattern({ source: ['chrm.claims'], 'detail-type': ['ClaimSubmitted'] }),
    targets,
    ...overrides,
  };
}

function runtime(failures = 0) {
  const invoked: [string, unknown][] = [];
  const started: [string, string | undefined][] = [];
  let toFail = failures;
  return {
    invoked,
    started,
    functions: {
      invoke: async (logicalId: string, event: unknown) => {
        if (toFail-- > 0) throw new Error('cold start went wrong');
        invoked.push([logicalId, event]);
      },
    },
    stepFunctions: {
      startExecution: (arn: string, input?: string) => {
        started.push([arn, input]);
        return {} as never;
      },
    },
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('local EventBridge rule delivery', () => {
  it('invokes a Lambda target with the EventBridge envelope, after PutEvents has returned', async () => {
    const world = runtime();
    const delivery = deliverToRules(
      [rule([{ id: 'Target0', arn: fnArn, input: (event) => event }])],
      world,
      [],
    );
    delivery.publish(published());
    expect(world.invoked).toEqual([]);
    await delivery.settled();
    expect(world.invoked).toEqual([
      [
        'StartApproval',
        {
          version: '0',
          id: 'e-1',
          'detail-type': 'ClaimSubmitted',
          source: 'chrm.claims',
          account: '000000000000',
          time: '2026-12-05T10:00:00Z',
          region: 'us-east-1',
          resources: [],
          detail: { claimId: 'C-1' },
        },
      ],
    ]);
  });

  it('starts a state machine target with the (transformed) event as input', async () => {
    const world = runtime();
    const delivery = deliverToRules(
      [rule([{ id: 'Target0', arn: machineArn, input: (event) => event.detail }])],
      world,
      [],
    );
    delivery.publish(published());
    await delivery.settled();
    expect(world.started).toEqual([[machineArn, '{"claimId":"C-1"}']]);
  });

  it('delivers only events of the rule bus that match its pattern', async () => {
    const world = runtime();
    const delivery = deliverToRules(
      [rule([{ id: 'Target0', arn: fnArn, input: (event) => event }])],
      world,
      [],
    );
    delivery.publish(published({ eventBusName: 'default' }));
    delivery.publish(published({ detailType: 'ClaimDecided' }));
    delivery.publish(published({ eventBusName: 'arn:aws:events:us-east-1:000000000000:event-bus/chrm' }));
    await delivery.settled();
    expect(world.invoked).toHaveLength(1);
    expect(busName('arn:aws:events:us-east-1:000000000000:event-bus/chrm')).toBe('chrm');
  });

  it('logs a failing target and tries it again, within its retry policy, without throwing', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const world = runtime(2);
    const delivery = deliverToRules(
      [rule([{ id: 'Target0', arn: fnArn, input: (event) => event }])],
      world,
      [1, 1, 1],
    );
    delivery.publish(published());
    await delivery.settled();
    expect(world.invoked).toHaveLength(1);
    expect(logged).toHaveBeenCalledTimes(2);

    const stubborn = runtime(10);
    const limited = deliverToRules(
      [rule([{ id: 'Target0', arn: fnArn, input: (event) => event, maximumRetryAttempts: 1 }])],
      stubborn,
      [1, 1, 1],
    );
    limited.publish(published());
    await limited.settled();
    expect(stubborn.invoked).toEqual([]);
    expect(logged).toHaveBeenCalledTimes(4);
  });

  it('settles only once the deliveries of events its targets published meanwhile are done too', async () => {
    const world = runtime();
    const delivery = deliverToRules(
      [
        rule([{ id: 'Target0', arn: fnArn, input: (event) => event }]),
        rule([{ id: 'Target0', arn: machineArn, input: (event) => event.detail }], {
          name: 'OnClaimDecided',
          matches: compileEventPattern({ 'detail-type': ['ClaimDecided'] }),
        }),
      ],
      {
        ...world,
        functions: {
          invoke: async (logicalId: string, event: unknown) => {
            await world.functions.invoke(logicalId, event);
            delivery.publish(published({ id: 'e-2', detailType: 'ClaimDecided' }));
          },
        },
      },
      [],
    );
    delivery.publish(published());
    await delivery.settled();
    expect(world.started).toEqual([[machineArn, '{"claimId":"C-1"}']]);
  });

  it('stops retrying when the stack stops', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const world = runtime(10);
    const delivery = deliverToRules(
      [rule([{ id: 'Target0', arn: fnArn, input: (event) => event }])],
      world,
      [60_000],
    );
    delivery.publish(published());
    await new Promise((resolve) => setTimeout(resolve, 10));
    await delivery.stop();
    delivery.publish(published());
    await delivery.settled();
    expect(world.invoked).toEqual([]);
  });
});
