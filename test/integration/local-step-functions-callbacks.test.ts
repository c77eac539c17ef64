import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  DescribeExecutionCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { type App, Duration, Stack } from 'aws-cdk-lib';
import { Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import {
  Choice,
  Condition,
  DefinitionBody,
  Errors,
  Fail,
  IntegrationPattern,
  JsonPath,
  Pass,
  StateMachine,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke, type LambdaInvokeProps } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChrmFunction } from '../../infra/constructs/chrm-function';
import { DurableRecords } from '../../infra/local/durable-records';
import { localCredentials } from '../../infra/local/dynamodb-local';
import { LocalEventBus } from '../../infra/local/event-bus';
import { deliverToRules, eventRulesFromTemplates } from '../../infra/local/event-rules';
import { IntrinsicResolver, localRegion } from '../../infra/local/intrinsics';
import { freePort } from '../../infra/local/preflight';
import { LocalStepFunctions } from '../../infra/local/step-functions';
import { serveStepFunctions } from '../../infra/local/step-functions-endpoint';
import { synthesizeTemplates } from '../../infra/local/synthesize-templates';
import type { CfnTemplate, ChrmTemplates } from '../../infra/local/template';
import { stackNames } from '../../infra/stack-names';
import { DataStack } from '../../infra/stacks/data-stack';

/**
 * A claim-approval-like workflow written with CDK's callback constructs: an approver then finance
 * (`Rejected` caught), a task that escalates on `States.Timeout`, and one that must heartbeat; started by
 * an event rule on validated ClaimSubmitted events, with a Lambda rule on ClaimDecided and a schedule.
 */
function addApprovalWorkflow(app: App) {
  const data = new DataStack(app, stackNames.data);
  const stack = new Stack(app, stackNames.api);
  const notify = new ChrmFunction(stack, 'NotifyApprover', {
    entry: 'functions/api/health/get-health.ts',
    description: 'stands in for the Lambda that files an approval task',
  });
  const ask = (id: string, props: Partial<LambdaInvokeProps> = {}) =>
    new LambdaInvoke(stack, id, {
      lambdaFunction: notify.function,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: TaskInput.fromObject({ taskToken: JsonPath.taskToken, step: id, 'claimId.$': '$.claimId' }),
      resultPath: `$.${id}`,
      ...props,
    });
  const approve = ask('Approve').addCatch(new Pass(stack, 'RecordRejection'), {
    errors: ['Rejected'],
    resultPath: '$.rejection',
  });
  const expiring = ask('Expiring', { taskTimeout: Timeout.duration(Duration.seconds(1)) })
    .addCatch(new Fail(stack, 'CaughtAsTaskFailed'), { errors: [Errors.TASKS_FAILED] })
    .addCatch(new Pass(stack, 'Escalate'), { errors: [Errors.TIMEOUT], resultPath: '$.escalation' });
  const watched = ask('Watched', { heartbeatTimeout: Timeout.duration(Duration.seconds(1)) });
  const start = new Choice(stack, 'Case?')
    .when(Condition.stringEquals('$.case', 'expire'), expiring)
    .when(Condition.stringEquals('$.case', 'heartbeat'), watched)
    .otherwise(approve.next(ask('FinanceApprove')).next(new Succeed(stack, 'Approved')));
  const machine = new StateMachine(stack, 'ClaimApproval', {
    definitionBody: DefinitionBody.fromChainable(start),
  });
  new Rule(stack, 'OnClaimSubmitted', {
    eventBus: data.eventBus,
    eventPattern: {
      source: ['chrm.claims'],
      detailType: ['ClaimSubmitted'],
      detail: { status: ['validated'] },
    },
    targets: [new SfnStateMachine(machine, { input: RuleTargetInput.fromEventPath('$.detail') })],
  });
  new Rule(stack, 'OnClaimDecided', {
    eventBus: data.eventBus,
    eventPattern: { source: ['chrm.claims'], detailType: ['ClaimDecided'] },
    targets: [new LambdaFunction(notify.function)],
  });
  new Rule(stack, 'Nightly', {
    schedule: Schedule.rate(Duration.days(1)),
    targets: [new LambdaFunction(notify.function)],
  });
}

interface Delivery {
  readonly logicalId: string;
  readonly payload: { taskToken: string; step: string; claimId: string };
}

/** The Lambda the callback tasks invoke: it keeps what it was given; claim `explode` makes it throw. */
function recordingFunctions() {
  const delivered: Delivery[] = [];
  return {
    delivered,
    invoke: async (logicalId: string, payload: unknown) => {
      const event = payload as Delivery['payload'];
      if (event.claimId === 'explode') throw Object.assign(new Error('no inbox'), { name: 'InboxDown' });
      delivered.push({ logicalId, payload: event });
      return { statusCode: 200 };
    },
  };
}

let templatesByStack: ChrmTemplates;
let templates: CfnTemplate[];

/** A stand-in and its SFN endpoint; with a directory, executions and tokens are kept there. */
async function startStandIn(directory?: string) {
  const resolver = new IntrinsicResolver(templates);
  const functions = recordingFunctions();
  const stepFunctions = new LocalStepFunctions(
    templates,
    resolver,
    functions,
    new DurableRecords(directory && path.join(directory, 'executions')),
    new DurableRecords(directory && path.join(directory, 'task-tokens')),
  );
  const server = await serveStepFunctions(stepFunctions, await freePort());
  const client = new SFNClient({
    endpoint: server.endpoint,
    region: localRegion,
    credentials: localCredentials,
  });
  return {
    stepFunctions,
    client,
    functions,
    stateMachineArn: stepFunctions.stateMachineArns[0] ?? '',
    close: async () => {
      client.destroy();
      await stepFunctions.close();
      await server.close();
    },
  };
}

type StandIn = Awaited<ReturnType<typeof startStandIn>>;
let standIn: StandIn;

beforeAll(async () => {
  templatesByStack = synthesizeTemplates(addApprovalWorkflow);
  templates = Object.values(templatesByStack);
  standIn = await startStandIn();
});

afterAll(async () => {
  await standIn?.close();
});

async function eventually<T>(probe: () => Promise<T | undefined> | T | undefined, what: string): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`never saw ${what}`);
}

const start = async (at: StandIn, claimId: string, input: Record<string, unknown> = {}) =>
  (
    await at.client.send(
      new StartExecutionCommand({
        stateMachineArn: at.stateMachineArn,
        name: claimId,
        input: JSON.stringify({ claimId, case: 'approve', ...input }),
      }),
    )
  ).executionArn ?? '';

const tokenFor = (at: StandIn, claimId: string, step: string) =>
  eventually(
    () =>
      at.functions.delivered.find(
        (delivery) => delivery.payload.claimId === claimId && delivery.payload.step === step,
      )?.payload.taskToken,
    `the ${step} token of ${claimId}`,
  );

const finished = (at: StandIn, executionArn: string) =>
  eventually(async () => {
    const execution = await at.client.send(new DescribeExecutionCommand({ executionArn }));
    return execution.status === 'RUNNING' ? undefined : execution;
  }, `${executionArn} finish`);

const succeed = (at: StandIn, taskToken: string, output: unknown) =>
  at.client.send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify(output) }));

describe('callback tasks (lambda:invoke.waitForTaskToken) in the local stand-in', () => {
  it('gives the Lambda the token, waits, and continues with the JSON sent by SendTaskSuccess', async () => {
    const executionArn = await start(standIn, 'claim-ok');
    const first = await tokenFor(standIn, 'claim-ok', 'Approve');
    expect(first).toMatch(/^[\w-]{43}$/);
    expect((await standIn.client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe(
      'RUNNING',
    );
    await succeed(standIn, first, { decision: 'approve', by: 'approver-1' });
    const second = await tokenFor(standIn, 'claim-ok', 'FinanceApprove');
    expect(second).not.toBe(first);
    await succeed(standIn, second, { decision: 'approve', by: 'finance-1' });
    const execution = await finished(standIn, executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? '{}')).toEqual({
      claimId: 'claim-ok',
      case: 'approve',
      Approve: { decision: 'approve', by: 'approver-1' },
      FinanceApprove: { decision: 'approve', by: 'finance-1' },
    });
  });

  it('answers TaskTimedOut to a token used twice, and the first answer stands', async () => {
    const executionArn = await start(standIn, 'claim-twice');
    const token = await tokenFor(standIn, 'claim-twice', 'Approve');
    await succeed(standIn, token, { decision: 'approve' });
    await expect(succeed(standIn, token, { decision: 'reject' })).rejects.toMatchObject({
      name: 'TaskTimedOut',
    });
    await expect(
      standIn.client.send(new SendTaskFailureCommand({ taskToken: token, error: 'Rejected' })),
    ).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await expect(
      standIn.client.send(new SendTaskHeartbeatCommand({ taskToken: token })),
    ).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await succeed(standIn, await tokenFor(standIn, 'claim-twice', 'FinanceApprove'), {});
    const execution = await finished(standIn, executionArn);
    expect(JSON.parse(execution.output ?? '{}').Approve).toEqual({ decision: 'approve' });
  });

  it('fails the task with the error and cause of SendTaskFailure, which a Catch can take', async () => {
    const executionArn = await start(standIn, 'claim-rejected');
    const token = await tokenFor(standIn, 'claim-rejected', 'Approve');
    await standIn.client.send(
      new SendTaskFailureCommand({ taskToken: token, error: 'Rejected', cause: 'not in the program' }),
    );
    const execution = await finished(standIn, executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? '{}').rejection).toEqual({
      Error: 'Rejected',
      Cause: 'not in the program',
    });
  });

  it('fails the execution with an error no Catch takes', async () => {
    const executionArn = await start(standIn, 'claim-finance-no');
    await succeed(standIn, await tokenFor(standIn, 'claim-finance-no', 'Approve'), {});
    const token = await tokenFor(standIn, 'claim-finance-no', 'FinanceApprove');
    await standIn.client.send(
      new SendTaskFailureCommand({ taskToken: token, error: 'BudgetFrozen', cause: 'Q1 closed' }),
    );
    expect(await finished(standIn, executionArn)).toMatchObject({
      status: 'FAILED',
      error: 'BudgetFrozen',
      cause: 'Q1 closed',
    });
  });

  it('times a task out with States.Timeout, which States.TaskFailed does not catch, as on AWS', async () => {
    const executionArn = await start(standIn, 'claim-expire', { case: 'expire' });
    const token = await tokenFor(standIn, 'claim-expire', 'Expiring');
    const execution = await finished(standIn, executionArn);
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? '{}').escalation).toMatchObject({ Error: 'States.Timeout' });
    await expect(succeed(standIn, token, {})).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('fails a task with States.HeartbeatTimeout when heartbeats stop, each heartbeat giving it time again', async () => {
    const startedAt = Date.now();
    const executionArn = await start(standIn, 'claim-heartbeat', { case: 'heartbeat' });
    const token = await tokenFor(standIn, 'claim-heartbeat', 'Watched');
    await new Promise((resolve) => setTimeout(resolve, 700));
    await standIn.client.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    const execution = await finished(standIn, executionArn);
    expect(execution).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    // Without the heartbeat it would have failed about 1 s after it started.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(1_600);
    await expect(
      standIn.client.send(new SendTaskHeartbeatCommand({ taskToken: token })),
    ).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('answers InvalidToken to an unknown or malformed token and InvalidOutput to output that is not JSON', async () => {
    for (const taskToken of ['not-a-token', 'x'.repeat(43), ' ']) {
      await expect(succeed(standIn, taskToken, {})).rejects.toMatchObject({ name: 'InvalidToken' });
      await expect(
        standIn.client.send(new SendTaskFailureCommand({ taskToken, error: 'Rejected' })),
      ).rejects.toMatchObject({ name: 'InvalidToken' });
      await expect(standIn.client.send(new SendTaskHeartbeatCommand({ taskToken }))).rejects.toMatchObject({
        name: 'InvalidToken',
      });
    }
    const executionArn = await start(standIn, 'claim-bad-output');
    const token = await tokenFor(standIn, 'claim-bad-output', 'Approve');
    await expect(
      standIn.client.send(new SendTaskSuccessCommand({ taskToken: token, output: '{approve' })),
    ).rejects.toMatchObject({ name: 'InvalidOutput' });
    // The refused answer changed nothing: the task still takes a good one.
    await succeed(standIn, token, { decision: 'approve' });
    await succeed(standIn, await tokenFor(standIn, 'claim-bad-output', 'FinanceApprove'), {});
    expect((await finished(standIn, executionArn)).status).toBe('SUCCEEDED');
  });

  it('fails the task with the error of a Lambda that throws', async () => {
    const executionArn = await start(standIn, 'explode');
    expect(await finished(standIn, executionArn)).toMatchObject({
      status: 'FAILED',
      error: 'InboxDown',
      cause: 'no inbox',
    });
  });
});

describe('callback tasks across a restart of the stand-in', () => {
  it('resumes a waiting execution on the token its Lambda was given, and keeps answers already sent', async () => {
    const directory = mkdtempSync(path.join(tmpdir(), 'chrm-sfn-tokens-'));
    try {
      const before = await startStandIn(directory);
      const executionArn = await start(before, 'claim-restart');
      await succeed(before, await tokenFor(before, 'claim-restart', 'Approve'), { decision: 'approve' });
      const financeToken = await tokenFor(before, 'claim-restart', 'FinanceApprove');
      await before.close();

      const after = await startStandIn(directory);
      try {
        expect(after.stepFunctions.resumeInterrupted().map((record) => record.name)).toEqual([
          'claim-restart',
        ]);
        await succeed(after, financeToken, { decision: 'approve', by: 'finance-1' });
        const execution = await finished(after, executionArn);
        expect(execution.status).toBe('SUCCEEDED');
        expect(JSON.parse(execution.output ?? '{}')).toMatchObject({
          Approve: { decision: 'approve' },
          FinanceApprove: { decision: 'approve', by: 'finance-1' },
        });
        // The resumed run took the approval sent before the restart and did not file either task again.
        expect(after.functions.delivered).toEqual([]);
      } finally {
        await after.close();
      }
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});

describe('local EventBridge rules', () => {
  it('start the workflow for a validated ClaimSubmitted and hand ClaimDecided to a Lambda, as the envelope', async () => {
    const rules = eventRulesFromTemplates(templatesByStack, new IntrinsicResolver(templates));
    // The schedule is not an event rule: nothing fires it locally.
    expect(rules.map((rule) => rule.eventBusName)).toEqual(['chrm', 'chrm']);
    const bus = new LocalEventBus();
    const delivery = deliverToRules(rules, standIn);
    bus.onEvent(delivery.publish);
    const server = await bus.serve(await freePort());
    const events = new EventBridgeClient({
      endpoint: server.endpoint,
      region: localRegion,
      credentials: localCredentials,
    });
    const claimEvent = (detailType: string, detail: Record<string, string>) => ({
      EventBusName: 'chrm',
      Source: 'chrm.claims',
      DetailType: detailType,
      Detail: JSON.stringify(detail),
    });
    try {
      await events.send(
        new PutEventsCommand({
          Entries: [
            claimEvent('ClaimSubmitted', { claimId: 'claim-from-bus', case: 'approve', status: 'validated' }),
            claimEvent('ClaimSubmitted', {
              claimId: 'claim-refused',
              case: 'approve',
              status: 'validationFailed',
            }),
            claimEvent('ClaimDecided', { claimId: 'claim-decided' }),
          ],
        }),
      );
      await delivery.settled();
      expect(await tokenFor(standIn, 'claim-from-bus', 'Approve')).toMatch(/^[\w-]{43}$/);
      const envelopes = standIn.functions.delivered.map((delivered) => delivered.payload as unknown);
      expect(envelopes).toContainEqual({
        version: '0',
        id: expect.any(String),
        'detail-type': 'ClaimDecided',
        source: 'chrm.claims',
        account: '000000000000',
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        region: localRegion,
        resources: [],
        detail: { claimId: 'claim-decided' },
      });
      expect(JSON.stringify(envelopes)).not.toContain('claim-refused');
    } finally {
      events.destroy();
      await delivery.stop();
      await server.close();
    }
  });
});
