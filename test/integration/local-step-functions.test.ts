import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { type App, Duration, Stack } from 'aws-cdk-lib';
import {
  Choice,
  Condition,
  DefinitionBody,
  Fail,
  StateMachine,
  Succeed,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChrmFunction } from '../../infra/constructs/chrm-function';
import { localCredentials } from '../../infra/local/dynamodb-local';
import { IntrinsicResolver, localRegion } from '../../infra/local/intrinsics';
import { LocalFunctions } from '../../infra/local/local-functions';
import { freePort } from '../../infra/local/preflight';
import { LocalStepFunctions } from '../../infra/local/step-functions';
import { serveStepFunctions } from '../../infra/local/step-functions-endpoint';
import { synthesizeTemplates } from '../../infra/local/synthesize-templates';
import { stackNames } from '../../infra/stack-names';
import { DataStack } from '../../infra/stacks/data-stack';

/** A trivial workflow built with the same CDK constructs as ChRM's: choose, invoke a real handler, decide. */
function addTrivialWorkflow(app: App) {
  new DataStack(app, stackNames.data);
  const stack = new Stack(app, stackNames.api);
  const health = new ChrmFunction(stack, 'Health', {
    entry: 'functions/api/health/get-health.ts',
    description: 'health',
  });
  const checkHealth = new LambdaInvoke(stack, 'CheckHealth', {
    lambdaFunction: health.function,
    outputPath: '$.Payload',
  });
  const decide = new Choice(stack, 'Healthy?')
    .when(Condition.numberEquals('$.statusCode', 200), new Succeed(stack, 'Done'))
    .otherwise(new Fail(stack, 'Unhealthy', { error: 'Unhealthy', cause: 'health did not answer 200' }));
  const start = new Choice(stack, 'Mode?')
    .when(
      Condition.stringEquals('$.mode', 'refuse'),
      new Fail(stack, 'Refused', { error: 'Refused', cause: 'asked to' }),
    )
    .otherwise(checkHealth.next(decide));
  new StateMachine(stack, 'Trivial', {
    definitionBody: DefinitionBody.fromChainable(start),
    timeout: Duration.minutes(1),
  });
}

let server: Awaited<ReturnType<typeof serveStepFunctions>>;
let client: SFNClient;
let stateMachineArn: string;

beforeAll(async () => {
  const templates = synthesizeTemplates(addTrivialWorkflow);
  const all = Object.values(templates);
  const resolver = new IntrinsicResolver(all);
  const stepFunctions = new LocalStepFunctions(all, resolver, new LocalFunctions(all, resolver, {}));
  server = await serveStepFunctions(stepFunctions, await freePort());
  client = new SFNClient({ endpoint: server.endpoint, region: localRegion, credentials: localCredentials });
  stateMachineArn = stepFunctions.stateMachineArns[0] ?? '';
});

afterAll(async () => {
  client?.destroy();
  await server?.close();
});

async function runToEnd(input: unknown) {
  const { executionArn } = await client.send(
    new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }),
  );
  for (let attempt = 0; attempt < 100; attempt++) {
    const execution = await client.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status !== 'RUNNING') return execution;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('execution did not finish');
}

describe('local Step Functions stand-in', () => {
  it('runs a CDK-defined machine through the SDK, invoking the real handler', async () => {
    const execution = await runToEnd({ mode: 'check' });
    expect(execution.status).toBe('SUCCEEDED');
    expect(JSON.parse(execution.output ?? '{}')).toMatchObject({ statusCode: 200 });
    expect(execution.stopDate).toBeInstanceOf(Date);
  });

  it('reports a Fail state with its error and cause', async () => {
    const execution = await runToEnd({ mode: 'refuse' });
    expect(execution).toMatchObject({ status: 'FAILED', error: 'Refused', cause: 'asked to' });
  });

  it('refuses an unknown state machine as the service does', async () => {
    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: `${stateMachineArn}-missing`, input: '{}' })),
    ).rejects.toThrow(/StateMachineDoesNotExist|stateMachine/);
  });
});
