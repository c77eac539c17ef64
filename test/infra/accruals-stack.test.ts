import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { completeRunTask, runFailureTask } from '../../events/accrual-run-tasks';
import { entryMetadataKey } from '../../infra/constructs/chrm-function';
import { apiTemplate, payloadFields, stateMachineDefinition, synthChrmApp } from './synth-app';

let template: Template;
let api: Template;

beforeAll(() => {
  const stacks = synthChrmApp();
  template = Template.fromStack(stacks.accruals);
  api = apiTemplate();
});

type Resource = { Properties: Record<string, unknown>; Metadata?: Record<string, unknown> };

const functionId = (stack: Template, entry: string) =>
  Object.entries(stack.findResources('AWS::Lambda::Function') as Record<string, Resource>).find(
    ([, fn]) => fn.Metadata?.[entryMetadataKey] === entry,
  )?.[0];

const definitionOf = () => {
  const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  return JSON.stringify(machine);
};

/** The API functions whose role may start executions of the state machine exported by `stackPrefix`. */
const startersOf = (stackPrefix: string) =>
  Object.entries(api.findResources('AWS::IAM::Policy') as Record<string, Resource>)
    .filter(([, policy]) => {
      const statements = (policy.Properties.PolicyDocument as { Statement: unknown[] }).Statement;
      return statements.some((statement) => {
        const text = JSON.stringify(statement);
        return text.includes('states:StartExecution') && text.includes(stackPrefix);
      });
    })
    .map(([, policy]) => {
      const [role] = policy.Properties.Roles as { Ref: string }[];
      const functions = api.findResources('AWS::Lambda::Function') as Record<string, Resource>;
      return Object.entries(functions).find(([, fn]) =>
        JSON.stringify(fn.Properties.Role).includes(role?.Ref ?? '?'),
      )?.[0];
    });

describe('accruals stack', () => {
  it('chains validate → Map over programs → summarize, with a catch that records the failure', () => {
    const definition = definitionOf();
    for (const state of [
      'ValidateRun',
      'EachProgram',
      'ComputeAndPostProgram',
      'SummarizeRun',
      'RecordRunFailure',
    ]) {
      expect(definition).toContain(`\\"${state}\\"`);
    }
    expect(definition).toContain('\\"Type\\":\\"Map\\"');
    expect(definition).toContain('\\"ItemsPath\\":\\"$.programs\\"');
    expect(definition).toContain('\\"MaxConcurrency\\":10');
    expect(definition).toContain('\\"Error\\":\\"AccrualRunFailed\\"');
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
    });
  });

  it('fires the run at 02:00 UTC on the 1st with the schedule time as input', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 2 1 * ? *)',
      Targets: [
        Match.objectLike({
          InputTransformer: Match.objectLike({ InputPathsMap: { time: '$.time' } }),
          RetryPolicy: { MaximumRetryAttempts: 3 },
        }),
      ],
    });
  });

  it('gives the compute step 15 minutes and 3 GB, and only the summary and the near-tier flagger may publish events', () => {
    const post = template.findResources('AWS::Lambda::Function')[
      functionId(template, 'functions/workflows/post-program-accruals.ts') ?? ''
    ] as Resource;
    expect(post.Properties).toMatchObject({ Timeout: 900, MemorySize: 3008 });
    const functions = template.findResources('AWS::Lambda::Function') as Record<string, Resource>;
    const publishers = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>)
      .filter((policy) => JSON.stringify(policy.Properties.PolicyDocument).includes('events:PutEvents'))
      .map((policy) => {
        const [role] = policy.Properties.Roles as { Ref: string }[];
        const [id] = Object.entries(functions).find(([, fn]) =>
          JSON.stringify(fn.Properties.Role).includes(`"${role?.Ref}"`),
        ) ?? [''];
        return id;
      });
    expect(publishers.sort()).toEqual(
      [
        functionId(template, 'functions/workflows/complete-accrual-run.ts'),
        functionId(template, 'functions/workflows/flag-near-tier-partners.ts'),
      ].sort(),
    );
  });

  it('flags near-tier partners on each AccrualRunCompleted from chrm.accruals, retried by the rule', () => {
    const rules = Object.values(template.findResources('AWS::Events::Rule')) as Resource[];
    const rule = rules.find((each) => each.Properties.EventPattern !== undefined);
    const flagger = functionId(template, 'functions/workflows/flag-near-tier-partners.ts');
    expect(rule?.Properties.EventPattern).toEqual({
      source: ['chrm.accruals'],
      'detail-type': ['AccrualRunCompleted'],
    });
    expect(rule?.Properties.Targets).toEqual([
      expect.objectContaining({
        Arn: { 'Fn::GetAtt': [flagger, 'Arn'] },
        RetryPolicy: expect.objectContaining({ MaximumRetryAttempts: 8 }),
      }),
    ]);
    const flaggerFunction = template.findResources('AWS::Lambda::Function')[flagger ?? ''] as Resource;
    expect(flaggerFunction.Properties).toMatchObject({ Timeout: 900 });
  });

  it('lets only the run-starting route start executions, with the state machine ARN in its settings', () => {
    const starter = functionId(api, 'functions/api/accrual-runs/request-accrual-run.ts');
    const functions = api.findResources('AWS::Lambda::Function') as Record<string, Resource>;
    const withArn = Object.entries(functions).filter(([, fn]) =>
      JSON.stringify(fn.Properties).includes('ACCRUAL_STATE_MACHINE_ARN'),
    );
    expect(withArn.map(([id]) => id)).toEqual([starter]);
    expect(startersOf('ChrmAccruals:')).toEqual([`${starter}`]);
  });

  it('lets only the staff retry route restart ingests (failing a file starts nothing)', () => {
    expect(startersOf('ChrmIngest:')).toEqual([
      functionId(api, 'functions/api/channel-files/retry-channel-file.ts'),
    ]);
  });
});

describe('task payloads', () => {
  it('carry exactly the fields of their contracts in events/accrual-run-tasks.ts', () => {
    const states = stateMachineDefinition(template).States;
    expect(payloadFields(states.SummarizeRun)).toEqual(Object.keys(completeRunTask.shape).sort());
    expect(payloadFields(states.RecordRunFailure)).toEqual(Object.keys(runFailureTask.shape).sort());
  });
});
