import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { EventBus } from 'aws-cdk-lib/aws-events';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { type Bucket, Bucket as BucketImport, EventType } from 'aws-cdk-lib/aws-s3';
import { LambdaDestination } from 'aws-cdk-lib/aws-s3-notifications';
import {
  Choice,
  Condition,
  DefinitionBody,
  Fail,
  LogLevel,
  StateMachine,
  Succeed,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { ingestFailureTask, ingestFileTask } from '../../events/channel-file-tasks';
import { ChrmFunction } from '../constructs/chrm-function';
import { EventHandlerFunction } from '../constructs/event-handler-function';
import { acknowledgeFunctionFindings } from '../constructs/function-nag-suppressions';
import { taskPayload } from '../constructs/task-payload';

export interface IngestStackProps extends StackProps {
  readonly table: TableV2;
  readonly uploads: Bucket;
  readonly eventBus: EventBus;
}

/**
 * Channel-file ingestion. An upload under `uploads/` fires an S3 notification; its Lambda starts one
 * workflow execution per file. The workflow calls the ingest task until the file is done: each call works
 * until its Lambda time is nearly up and resumes from the file's checkpoint, so a million-line file spans as
 * many calls as it needs and a crashed call is retried from where the last stored batch ended.
 */
export class IngestStack extends Stack {
  readonly workflow: StateMachine;

  constructor(scope: Construct, id: string, props: IngestStackProps) {
    super(scope, id, props);
    const environment = {
      TABLE_NAME: props.table.tableName,
      UPLOADS_BUCKET: props.uploads.bucketName,
      EVENT_BUS_NAME: props.eventBus.eventBusName,
    };

    const process = new ChrmFunction(this, 'ProcessChannelFile', {
      entry: 'functions/workflows/process-channel-file.ts',
      description: 'Parses, validates and stores a channel file from its checkpoint on',
      timeout: Duration.minutes(15),
      memorySize: 1769, // one full vCPU: parsing is CPU-bound
      environment,
    });
    props.table.grantReadWriteData(process.function);
    props.uploads.grantRead(process.function, 'uploads/*');
    props.eventBus.grantPutEventsTo(process.function);

    const markFailed = new ChrmFunction(this, 'MarkChannelFileFailed', {
      entry: 'functions/workflows/mark-channel-file-failed.ts',
      description: 'Records why ingesting a file failed',
      environment,
    });
    props.table.grantReadWriteData(markFailed.function);
    props.eventBus.grantPutEventsTo(markFailed.function);

    const ingestStep = new LambdaInvoke(this, 'IngestBatches', {
      lambdaFunction: process.function,
      payload: taskPayload(ingestFileTask, { fileId: '$.fileId' }),
      outputPath: '$.Payload',
      taskTimeout: Timeout.duration(Duration.minutes(15)),
      retryOnServiceExceptions: true,
    });
    ingestStep.addRetry({
      errors: ['States.Timeout', 'States.TaskFailed'],
      maxAttempts: 3,
      interval: Duration.seconds(5),
      backoffRate: 2,
    });
    const recordFailure = new LambdaInvoke(this, 'RecordFailure', {
      lambdaFunction: markFailed.function,
      payload: taskPayload(ingestFailureTask, { fileId: '$.fileId', error: '$.error' }),
      outputPath: '$.Payload',
    }).next(
      new Fail(this, 'IngestFailed', { error: 'IngestFailed', cause: 'The file could not be ingested' }),
    );
    ingestStep.addCatch(recordFailure, { resultPath: '$.error' });
    const definition = ingestStep.next(
      new Choice(this, 'FileDone?')
        .when(Condition.booleanEquals('$.done', true), new Succeed(this, 'Ingested'))
        .otherwise(ingestStep),
    );
    this.workflow = new StateMachine(this, 'IngestChannelFile', {
      definitionBody: DefinitionBody.fromChainable(definition),
      timeout: Duration.hours(6),
      tracingEnabled: true,
      logs: {
        destination: new LogGroup(this, 'WorkflowLogs', { retention: RetentionDays.THREE_MONTHS }),
        level: LogLevel.ALL,
      },
    });

    const onObjectCreated = new ChrmFunction(this, 'OnObjectCreated', {
      entry: 'functions/ingest/on-object-created.ts',
      description: 'Starts the ingest workflow for an uploaded channel file',
      environment: { ...environment, INGEST_STATE_MACHINE_ARN: this.workflow.stateMachineArn },
    });
    props.table.grantReadData(onObjectCreated.function);
    this.workflow.grantStartExecution(onObjectCreated.function);
    // Imported by name: a notification on the data stack's own Bucket construct would make that stack
    // depend on this one (a cycle); CDK manages notifications of an imported bucket from here.
    const uploads = BucketImport.fromBucketAttributes(this, 'UploadsBucket', {
      bucketArn: props.uploads.bucketArn,
      bucketName: props.uploads.bucketName,
    });
    uploads.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(onObjectCreated.function), {
      prefix: 'uploads/',
    });

    // The safety net: a file whose ingest stopped making progress (a lost or timed-out execution) is
    // restarted from its checkpoint, or failed after a few restarts, without anyone watching.
    const reconciler = new EventHandlerFunction(this, 'ReconcileStuckFiles', {
      entry: 'functions/schedule/reconcile-stuck-files.ts',
      description: 'Restarts or fails channel files whose ingest made no progress',
      environment: { ...environment, INGEST_STATE_MACHINE_ARN: this.workflow.stateMachineArn },
      table: props.table,
      bus: { eventBus: props.eventBus, publishes: true },
      rule: {
        id: 'StuckFileSchedule',
        description: 'Finds channel files whose ingest stalled',
        schedule: Schedule.rate(Duration.minutes(5)),
      },
    });
    this.workflow.grantStartExecution(reconciler.function);

    acknowledgeFunctionFindings(this, {
      reason:
        'log delivery has no resource-level permissions; the ingest task reads any object under uploads/; Step Functions may invoke the versions of its own functions.',
      appliesTo: [
        { regex: '/^Resource::.*Uploads.*\\/uploads\\/\\*$/g' },
        { regex: '/^Resource::<.*Function.*\\.Arn>:\\*$/g' },
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
      ],
    });
  }
}
