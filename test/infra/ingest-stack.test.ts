import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { entryMetadataKey } from '../../infra/constructs/chrm-function';
import { synthChrmApp } from './synth-app';

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
