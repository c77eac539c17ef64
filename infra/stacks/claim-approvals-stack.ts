import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { EventBus } from 'aws-cdk-lib/aws-events';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import {
  Choice,
  Condition,
  Fail,
  IntegrationPattern,
  JsonPath,
  type StateMachine,
  Succeed,
  TaskInput,
  Timeout,
} from 'aws-cdk-lib/aws-stepfunctions';
import { LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { Construct } from 'constructs';
import { claimRejectedError } from '../../domain/approvals/approval-use-cases';
import { beginClaimApprovalTask, openApprovalTask } from '../../domain/approvals/approval-workflow-state';
import * as claimSubmitted from '../../events/claim-submitted.v1';
import * as paymentBatchRequested from '../../events/payment-batch-requested.v1';
import { approvalStateMachine } from '../constructs/approval-state-machine';
import { ChrmFunction } from '../constructs/chrm-function';
import { EventHandlerFunction } from '../constructs/event-handler-function';
import { acknowledgeFunctionFindings } from '../constructs/function-nag-suppressions';
import { transientLambdaRetry } from '../constructs/lambda-step-retry';
import { RequestApprovalWorkflow } from '../constructs/request-approval-workflow';
import { taskPayload } from '../constructs/task-payload';

export interface ClaimApprovalsStackProps extends StackProps {
  readonly table: TableV2;
  readonly eventBus: EventBus;
  /** Named in the approval functions' settings (fund requests' deps); decisions write nothing there. */
  readonly uploads: Bucket;
}

/** How long a decision task waits before a reminder (or, after the policy's reminders, an escalation). */
export const approvalReminderInterval = Duration.hours(24);
/** How long a claim returned to the partner waits for an answer before it is rejected (partnerDidNotAnswer). */
export const partnerAnswerTimeout = Duration.days(30);

/**
 * The claim-approval workflow: ClaimSubmitted (rule) → a starter Lambda starts an execution named after the
 * claim → begin (into approval; levels fixed by the policy, or auto-approved, settled and ClaimDecided
 * published there: the workflow ends) → for each level a
 * `.waitForTaskToken` task whose Lambda stores the approval task; the API resumes it with the decision →
 * returned claims wait for the partner's answer → settle (ledger, reservation) and ClaimDecided. Waits that
 * time out remind or escalate (EscalateTask) and wait again.
 *
 * Beside it, the request-approval workflow (RequestApprovalWorkflow) of fund requests and debit
 * authorization requests: the same tasks, inbox, policy and segregation of duties, without settlement.
 */
export class ClaimApprovalsStack extends Stack {
  readonly workflow: StateMachine;
  readonly requestWorkflow: StateMachine;

  constructor(scope: Construct, id: string, props: ClaimApprovalsStackProps) {
    super(scope, id, props);
    const environment = {
      TABLE_NAME: props.table.tableName,
      EVENT_BUS_NAME: props.eventBus.eventBusName,
      UPLOADS_BUCKET: props.uploads.bucketName,
    };
    const step = (name: string, entry: string, description: string, publishes: boolean) => {
      const created = new ChrmFunction(this, name, { entry, description, environment });
      props.table.grantReadWriteData(created.function);
      if (publishes) props.eventBus.grantPutEventsTo(created.function);
      return created.function;
    };
    const begin = step(
      'BeginClaimApproval',
      'functions/workflows/begin-claim-approval.ts',
      'Moves a validated claim into approval and fixes its levels, or approves, settles and publishes it',
      true,
    );
    const open = step(
      'OpenApprovalTask',
      'functions/workflows/open-approval-task.ts',
      'Stores an approval task (or a partner-answer task) with its task token',
      false,
    );
    const escalate = step(
      'EscalateApprovalTask',
      'functions/workflows/escalate-approval-task.ts',
      'Reminds or escalates a decision task that waited too long',
      true,
    );
    const expire = step(
      'ExpireClaimReturn',
      'functions/workflows/expire-claim-return.ts',
      'Rejects a returned claim the partner never answered',
      false,
    );
    const settle = step(
      'SettleClaimApproval',
      'functions/workflows/settle-claim-approval.ts',
      'Settles a decided claim against its fund and publishes ClaimDecided',
      true,
    );

    const invoke = (id: string, fn: IFunction, payload: TaskInput) => {
      const task = new LambdaInvoke(this, id, {
        lambdaFunction: fn,
        payload,
        outputPath: '$.Payload',
        taskTimeout: Timeout.duration(Duration.minutes(1)),
      });
      task.addRetry(transientLambdaRetry);
      return task;
    };
    const awaitTask = (id: string, kind: 'decision' | 'partnerAnswer', timeout: Duration) => {
      const task = new LambdaInvoke(this, id, {
        lambdaFunction: open,
        integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        payload: taskPayload(openApprovalTask, {
          kind: { fixed: kind },
          state: '$',
          taskToken: JsonPath.taskToken,
        }),
        resultPath: '$.result',
        taskTimeout: Timeout.duration(timeout),
      });
      task.addRetry(transientLambdaRetry);
      return task;
    };

    const failed = new Fail(this, 'ClaimApprovalFailed', {
      error: 'ClaimApprovalFailed',
      cause: 'A claim-approval step failed; the claim keeps its status and reservation',
    });
    const decided = new Succeed(this, 'ClaimDecided');
    const settled = invoke('Settle', settle, TaskInput.fromJsonPathAt('$')).next(decided);
    const awaitDecision = awaitTask('AwaitDecision', 'decision', approvalReminderInterval);
    const awaitAnswer = awaitTask('AwaitPartnerAnswer', 'partnerAnswer', partnerAnswerTimeout);
    const afterWait = new Choice(this, 'AfterWait')
      .when(Condition.stringEquals('$.result.outcome', 'decided'), settled)
      .when(Condition.stringEquals('$.result.outcome', 'returned'), awaitAnswer)
      .when(
        Condition.or(
          ...['levelApproved', 'answered', 'pending'].map((outcome) =>
            Condition.stringEquals('$.result.outcome', outcome),
          ),
        ),
        awaitDecision,
      )
      .otherwise(failed);
    const escalateTask = invoke('EscalateTask', escalate, TaskInput.fromJsonPathAt('$'));
    const expireReturn = invoke('ExpireReturn', expire, TaskInput.fromJsonPathAt('$'));
    escalateTask.next(afterWait);
    expireReturn.next(afterWait);
    awaitDecision.addCatch(settled, { errors: [claimRejectedError], resultPath: '$.rejection' });
    awaitDecision.addCatch(escalateTask, {
      errors: ['States.Timeout', 'States.HeartbeatTimeout'],
      resultPath: '$.timeout',
    });
    awaitAnswer.addCatch(expireReturn, { errors: ['States.Timeout'], resultPath: '$.timeout' });
    for (const waiting of [awaitDecision, awaitAnswer]) {
      waiting.addCatch(failed, { errors: ['States.ALL'] });
      waiting.next(afterWait);
    }
    const beginApproval = invoke(
      'Begin',
      begin,
      taskPayload(beginClaimApprovalTask, { claimId: '$.claimId' }),
    );
    for (const task of [beginApproval, escalateTask, expireReturn])
      task.addCatch(failed, { errors: ['States.ALL'] });
    const start = beginApproval.next(
      new Choice(this, 'AutoApproved')
        .when(Condition.stringEquals('$.next', 'done'), decided)
        .when(Condition.stringEquals('$.next', 'settle'), settled)
        .otherwise(awaitDecision),
    );

    this.workflow = approvalStateMachine(this, { machine: 'ClaimApproval', logs: 'WorkflowLogs' }, start);

    this.requestWorkflow = new RequestApprovalWorkflow(this, 'Requests', {
      reminderInterval: approvalReminderInterval,
      steps: {
        begin: step(
          'BeginRequestApproval',
          'functions/workflows/begin-request-approval.ts',
          'Checks that a fund or debit authorization request still waits for a decision',
          false,
        ),
        open: step(
          'OpenRequestApprovalTask',
          'functions/workflows/open-request-approval-task.ts',
          'Stores the approval task of a request level with its task token',
          false,
        ),
        escalate: step(
          'EscalateRequestApprovalTask',
          'functions/workflows/escalate-request-approval-task.ts',
          'Reminds or escalates a request task that waited too long',
          true,
        ),
      },
    }).stateMachine;

    // Both handlers are worth a day of retries: a claim or a batch left behind would wait for no one.
    const dayOfRetries = { retryAttempts: 8, maxEventAge: Duration.hours(24) };
    const starter = new EventHandlerFunction(this, 'StartClaimApproval', {
      entry: 'functions/workflows/start-claim-approval.ts',
      description: 'Starts the approval workflow of a submitted claim (execution named after the claim)',
      environment: { CLAIM_APPROVAL_STATE_MACHINE_ARN: this.workflow.stateMachineArn },
      rule: {
        id: 'OnClaimSubmitted',
        description: 'Starts the approval of each claim that passed validation',
        eventBus: props.eventBus,
        event: claimSubmitted,
        ...dayOfRetries,
      },
    });
    this.workflow.grantStartExecution(starter.function);

    new EventHandlerFunction(this, 'BuildRequestedPaymentBatch', {
      entry: 'functions/payments/build-requested-batch.ts',
      description:
        'Builds a payment batch too large for the request: schedules its claims, stores its payments',
      environment,
      // Tens of thousands of claims, a hundred to a transaction; a retry completes what a timeout left.
      timeout: Duration.minutes(15),
      memorySize: 1024,
      table: props.table,
      rule: {
        id: 'OnPaymentBatchRequested',
        description: 'Builds each payment batch stored as building',
        eventBus: props.eventBus,
        event: paymentBatchRequested,
        ...dayOfRetries,
      },
    });

    acknowledgeFunctionFindings(this, {
      reason:
        'log delivery has no resource-level permissions; Step Functions may invoke the versions of its own functions.',
      appliesTo: [{ regex: '/^Resource::<.*\\.Arn>:\\*$/g' }],
    });
  }
}
