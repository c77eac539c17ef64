import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type EventBus, EventField, Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import {
  DefinitionBody,
  Fail,
  LogLevel,
  Map as MapState,
  StateMachine,
  Succeed,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import * as accrualRunCompleted from '../../events/accrual-run-completed.v1';
import { completeRunTask, runFailureTask } from '../../events/accrual-run-tasks';
import { ChrmFunction } from '../constructs/chrm-function';
import { EventHandlerFunction } from '../constructs/event-handler-function';
import { acknowledgeFunctionFindings } from '../constructs/function-nag-suppressions';
import { taskPayload } from '../constructs/task-payload';

export interface AccrualsStackProps extends StackProps {
  readonly table: TableV2;
  readonly uploads: Bucket;
  readonly eventBus: EventBus;
}

/**
 * Accrual runs: validate (fix the programs and lines a run reads, snapshot the lines) → Map over programs
 * (compute, then post the deltas to the ledger in DynamoDB transactions) → summarize (record the results,
 * publish AccrualRunCompleted). Started by the month-end schedule and by finance through the API.
 */
export class AccrualsStack extends Stack {
  readonly workflow: StateMachine;

  constructor(scope: Construct, id: string, props: AccrualsStackProps) {
    super(scope, id, props);
    const environment = {
      TABLE_NAME: props.table.tableName,
      UPLOADS_BUCKET: props.uploads.bucketName,
      EVENT_BUS_NAME: props.eventBus.eventBusName,
    };
    const step = (name: string, entry: string, description: string, timeout = Duration.seconds(30)) => {
      const created = new ChrmFunction(this, name, {
        entry,
        description,
        environment,
        timeout,
        // Computing a program over a month's lines is CPU- and memory-bound.
        ...(timeout.toSeconds() > 60 ? { memorySize: 3008 } : {}),
      });
      props.table.grantReadWriteData(created.function);
      return created.function;
    };
    const prepare = step(
      'PrepareAccrualRun',
      'functions/workflows/prepare-accrual-run.ts',
      'Fixes the programs and lines of an accrual run and snapshots the lines',
      Duration.minutes(15),
    );
    props.uploads.grantReadWrite(prepare, 'runs/*');
    const post = step(
      'PostProgramAccruals',
      'functions/workflows/post-program-accruals.ts',
      'Computes one program of a run and posts its deltas to the ledger',
      Duration.minutes(15),
    );
    props.uploads.grantRead(post, 'runs/*');
    const complete = step(
      'CompleteAccrualRun',
      'functions/workflows/complete-accrual-run.ts',
      'Records an accrual run as completed and publishes AccrualRunCompleted',
    );
    props.eventBus.grantPutEventsTo(complete);
    const fail = step(
      'FailAccrualRun',
      'functions/workflows/fail-accrual-run.ts',
      'Records why a run failed',
    );

    const transientRetry = {
      errors: ['States.Timeout', 'Lambda.ServiceException', 'Lambda.TooManyRequestsException'],
      maxAttempts: 3,
      interval: Duration.seconds(5),
      backoffRate: 2,
    };
    const recordFailure = new LambdaInvoke(this, 'RecordRunFailure', {
      lambdaFunction: fail,
      payload: taskPayload(runFailureTask, { runId: '$.runId', error: '$.error' }),
      outputPath: '$.Payload',
    }).next(new Fail(this, 'RunFailed', { error: 'AccrualRunFailed', cause: 'The accrual run failed' }));

    const validate = new LambdaInvoke(this, 'ValidateRun', {
      lambdaFunction: prepare,
      outputPath: '$.Payload',
      taskTimeout: Timeout.duration(Duration.minutes(15)),
    });
    const computeAndPost = new LambdaInvoke(this, 'ComputeAndPostProgram', {
      lambdaFunction: post,
      outputPath: '$.Payload',
      taskTimeout: Timeout.duration(Duration.minutes(15)),
    });
    computeAndPost.addRetry(transientRetry);
    const programs = new MapState(this, 'EachProgram', {
      itemsPath: '$.programs',
      maxConcurrency: 10,
      resultPath: '$.results',
    }).itemProcessor(computeAndPost);
    const summarize = new LambdaInvoke(this, 'SummarizeRun', {
      lambdaFunction: complete,
      payload: taskPayload(completeRunTask, { runId: '$.runId', results: '$.results' }),
      outputPath: '$.Payload',
    });
    for (const state of [validate, summarize]) state.addRetry(transientRetry);
    for (const state of [validate, programs, summarize]) {
      state.addCatch(recordFailure, { resultPath: '$.error' });
    }
    this.workflow = new StateMachine(this, 'AccrualRun', {
      definitionBody: DefinitionBody.fromChainable(
        validate.next(programs).next(summarize).next(new Succeed(this, 'RunCompleted')),
      ),
      timeout: Duration.hours(4),
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this, 'WorkflowLogs', { retention: RetentionDays.THREE_MONTHS }),
        level: LogLevel.ALL,
      },
    });

    // Early on the 1st (UTC) the previous month is complete: the run accrues it.
    new Rule(this, 'MonthEndSchedule', {
      description: 'Month-end accrual run for the month just ended',
      schedule: Schedule.cron({ minute: '0', hour: '2', day: '1' }),
      targets: [
        new SfnStateMachine(this.workflow, {
          input: RuleTargetInput.fromObject({ scheduledAt: EventField.time }),
          retryAttempts: 3,
        }),
      ],
    });

    // After each run, the partners near their next tier: off the run's path, so an alert never fails a run.
    const flagNearTier = new EventHandlerFunction(this, 'FlagNearTierPartners', {
      entry: 'functions/workflows/flag-near-tier-partners.ts',
      description: 'Stores the near-tier alerts of a completed accrual run and publishes PartnerNearTier',
      environment,
      timeout: Duration.minutes(15),
      memorySize: 3008,
      table: props.table,
      rule: {
        id: 'OnAccrualRunCompleted',
        description: 'Flags the partners near their next tier after each accrual run',
        eventBus: props.eventBus,
        event: accrualRunCompleted,
        retryAttempts: 8,
        maxEventAge: Duration.hours(24),
      },
    });
    props.uploads.grantRead(flagNearTier.function, 'runs/*');
    props.eventBus.grantPutEventsTo(flagNearTier.function);

    acknowledgeFunctionFindings(this, {
      reason:
        'run snapshots are any object under runs/; log delivery has no resource-level permissions; Step Functions may invoke the versions of its own functions.',
      appliesTo: [
        { regex: '/^Resource::.*Uploads.*\\/runs\\/\\*$/g' },
        { regex: '/^Resource::<.*\\.Arn>:\\*$/g' },
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        'Action::s3:DeleteObject*',
        'Action::s3:Abort*',
      ],
    });
  }
}
