import { Duration } from 'aws-cdk-lib';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
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
import { Construct } from 'constructs';
import {
  beginRequestApprovalTask,
  openRequestApprovalTask,
} from '../../domain/approvals/request-approval-state';
import { approvalStateMachine } from './approval-state-machine';
import { transientLambdaRetry } from './lambda-step-retry';
import { taskPayload } from './task-payload';

/** The request-approval workflow's Lambda steps. */
export interface RequestApprovalSteps {
  readonly begin: IFunction;
  readonly open: IFunction;
  readonly escalate: IFunction;
}

/**
 * One workflow for every request that asks for a promise before money moves (a fund request's pre-approval,
 * a debit authorization request): begin (is it still waiting?) → for each level a `.waitForTaskToken` task
 * whose Lambda stores the approval task; the inbox's decision applies the request's effect and resumes it →
 * the next level or the end. Waits that time out remind or escalate and wait again. Unlike a claim's there
 * is no settlement step: the last decision reserved the money or issued the authorization itself.
 */
export class RequestApprovalWorkflow extends Construct {
  readonly stateMachine: StateMachine;

  constructor(
    scope: Construct,
    id: string,
    props: { readonly steps: RequestApprovalSteps; readonly reminderInterval: Duration },
  ) {
    super(scope, id);
    const { steps } = props;
    const invoke = (name: string, fn: IFunction, payload: TaskInput) =>
      new LambdaInvoke(this, name, {
        lambdaFunction: fn,
        payload,
        outputPath: '$.Payload',
        taskTimeout: Timeout.duration(Duration.minutes(1)),
      }).addRetry(transientLambdaRetry);
    const failed = new Fail(this, 'RequestApprovalFailed', {
      error: 'RequestApprovalFailed',
      cause: 'A request-approval step failed; the request keeps its status',
    });
    const decided = new Succeed(this, 'RequestDecided');
    const awaitDecision = new LambdaInvoke(this, 'AwaitRequestDecision', {
      lambdaFunction: steps.open,
      integrationPattern: IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      payload: taskPayload(openRequestApprovalTask, { state: '$', taskToken: JsonPath.taskToken }),
      resultPath: '$.result',
      taskTimeout: Timeout.duration(props.reminderInterval),
    }).addRetry(transientLambdaRetry);
    const afterWait = new Choice(this, 'AfterRequestWait')
      .when(Condition.stringEquals('$.result.outcome', 'decided'), decided)
      .when(
        Condition.or(
          Condition.stringEquals('$.result.outcome', 'levelApproved'),
          Condition.stringEquals('$.result.outcome', 'pending'),
        ),
        awaitDecision,
      )
      .otherwise(failed);
    const escalate = invoke('EscalateRequestTask', steps.escalate, TaskInput.fromJsonPathAt('$'));
    escalate.addCatch(failed, { errors: ['States.ALL'] });
    escalate.next(afterWait);
    awaitDecision.addCatch(escalate, {
      errors: ['States.Timeout', 'States.HeartbeatTimeout'],
      resultPath: '$.timeout',
    });
    awaitDecision.addCatch(failed, { errors: ['States.ALL'] });
    awaitDecision.next(afterWait);
    const begin = invoke(
      'BeginRequestApproval',
      steps.begin,
      taskPayload(beginRequestApprovalTask, { subject: '$.subject' }),
    );
    begin.addCatch(failed, { errors: ['States.ALL'] });
    const start = begin.next(
      new Choice(this, 'RequestWaiting')
        .when(Condition.stringEquals('$.next', 'done'), decided)
        .otherwise(awaitDecision),
    );
    this.stateMachine = approvalStateMachine(
      this,
      { machine: 'RequestApproval', logs: 'RequestWorkflowLogs' },
      start,
    );
  }
}
