import { Duration } from 'aws-cdk-lib';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { DefinitionBody, type IChainable, LogLevel, StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import type { Construct } from 'constructs';

/**
 * An approval workflow's state machine: traced, every step logged for three months, and a 90-day timeout,
 * long enough for reminders, escalations and a month-long partner answer.
 */
export const approvalStateMachine = (
  scope: Construct,
  ids: { readonly machine: string; readonly logs: string },
  start: IChainable,
) =>
  new StateMachine(scope, ids.machine, {
    definitionBody: DefinitionBody.fromChainable(start),
    timeout: Duration.days(90),
    tracingEnabled: true,
    logs: {
      destination: new LogGroup(scope, ids.logs, { retention: RetentionDays.THREE_MONTHS }),
      level: LogLevel.ALL,
    },
  });
