import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestFailureTask, ingestFileTask } from '../../events/channel-file-tasks';
import { entryMetadataKey } from '../../infra/constructs/chrm-function';
import { payloadFields, stateMachineDefinition, synthChrmApp } from './synth-app';

let template: Template;

beforeAll(() => {
  template = Template.fromStack(synthChrmApp().ingest);
});

type Resource = { Properties: Record<string, unknown>; Metadata?: Record<string, unknown> };

const functionByEntry = (entry: string) =>
  Object.entries(template.findResources('AWS::Lambda::Function') as Record<string, Resource>).find(
    ([, fn]) => fn.Metadata?.[entryMetadataKey] === entry,
  );

describe('ingest stack', () => {
  it('subscribes the trigger function to ObjectCreated under uploads/', () => {
    const [triggerId] = functionByEntry('functions/ingest/on-object-created.ts') ?? [];
    expect(triggerId).toBeDefined();
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      NotificationConfiguration: {
        LambdaFunctionConfigurations: [
          Match.objectLike({
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'uploads/' }] } },
            LambdaFunctionArn: { 'Fn::GetAtt': [triggerId, 'Arn'] },
          }),
        ],
      },
    });
  });

  it('gives the ingest task the full 15 minutes and one vCPU', () => {
    const [, process] = functionByEntry('functions/workflows/process-channel-file.ts') ?? [];
    expect(process?.Properties).toMatchObject({ Timeout: 900, MemorySize: 1769 });
  });

  it('loops the ingest task until the file is done, retries it, and records failures', () => {
    const [, machine] = Object.entries(template.findResources('AWS::StepFunctions::StateMachine'))[0] ?? [];
    const definition = JSON.stringify(machine);
    expect(definition).toContain('FileDone?');
    expect(definition).toContain('States.Timeout');
    expect(definition).toContain('RecordFailure');
    expect(definition).toContain('\\"TimeoutSeconds\\":900');
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
    });
  });
});

describe('stuck-file reconciler', () => {
  it('runs every 5 minutes with the ingest state machine ARN and may restart its executions', () => {
    const [reconcilerId, reconciler] = functionByEntry('functions/schedule/reconcile-stuck-files.ts') ?? [];
    expect(reconcilerId).toBeDefined();
    expect(JSON.stringify(reconciler?.Properties)).toContain('INGEST_STATE_MACHINE_ARN');
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [reconcilerId, 'Arn'] } })],
    });
    const policies = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>);
    const role = ((reconciler as Resource).Properties.Role as { 'Fn::GetAtt': [string] })['Fn::GetAtt'][0];
    const own = policies.filter((policy) => JSON.stringify(policy.Properties.Roles).includes(role));
    expect(JSON.stringify(own)).toContain('states:StartExecution');
  });
});

describe('ingest task timing out (States.Timeout / TaskTimedOut)', () => {
  const definition = () => stateMachineDefinition(template);

  it('retries a timed-out ingest task with backoff; each retry resumes the file from its checkpoint', () => {
    const ingest = definition().States.IngestBatches;
    const timeoutRetry = ingest?.Retry?.find((retry) =>
      (retry.ErrorEquals as string[]).includes('States.Timeout'),
    );
    // The task gets only the file id: where to resume is the file's checkpoint in the table, not the input.
    expect(JSON.stringify(ingest)).toContain('"fileId.$":"$.fileId"');
    expect(timeoutRetry).toMatchObject({ MaxAttempts: 3, BackoffRate: 2, IntervalSeconds: 5 });
  });

  it('after the retries, a timeout is caught into RecordFailure, which marks the file failed (and withdraws its lines)', () => {
    const states = definition().States;
    const caught = states.IngestBatches?.Catch?.find((handler) =>
      (handler.ErrorEquals as string[]).includes('States.ALL'),
    );
    expect(caught).toMatchObject({ Next: 'RecordFailure', ResultPath: '$.error' });
    expect(states.RecordFailure?.Next).toBe('IngestFailed');
    const [markFailedId] = functionByEntry('functions/workflows/mark-channel-file-failed.ts') ?? [];
    expect(JSON.stringify(template.findResources('AWS::StepFunctions::StateMachine'))).toContain(
      markFailedId,
    );
  });
});

describe('task payloads', () => {
  it('carry exactly the fields of their contracts in events/channel-file-tasks.ts', () => {
    const states = stateMachineDefinition(template).States;
    expect(payloadFields(states.IngestBatches)).toEqual(Object.keys(ingestFileTask.shape).sort());
    expect(payloadFields(states.RecordFailure)).toEqual(Object.keys(ingestFailureTask.shape).sort());
  });
});
