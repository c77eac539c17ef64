import type { Duration } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import {
  type EventBus,
  type EventPattern,
  Rule,
  type RuleTargetInput,
  type Schedule,
} from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Construct } from 'constructs';
import type { DomainEvent } from '../../events/domain-event';
import { ChrmFunction, type ChrmFunctionProps } from './chrm-function';

/** The EventBridge rule that invokes a handler: events on a bus that match a pattern, or a schedule. */
export type HandlerRule = {
  /**
   * The rule's id in the handler's scope: the rule stands beside the function, not inside it, so its
   * logical id is that of a rule declared by the stack itself.
   */
  readonly id: string;
  readonly description: string;
  /** What the function receives instead of the event. */
  readonly input?: RuleTargetInput;
  /** Delivery retries after a failed invocation: 2 unless said otherwise. */
  readonly retryAttempts?: number;
  readonly maxEventAge?: Duration;
} & (
  | {
      readonly eventBus: EventBus;
      /** The contract of the events (`events/*.v1.ts`), with the detail fields they must match. */
      readonly event: Pick<DomainEvent, 'source' | 'detailType'>;
      readonly detail?: EventPattern['detail'];
    }
  | { readonly schedule: Schedule }
);

export interface EventHandlerFunctionProps extends ChrmFunctionProps {
  /** The table the handler reads and writes: named in TABLE_NAME, granted read-write. */
  readonly table?: TableV2;
  /** The bus named in EVENT_BUS_NAME; with `publishes`, the handler may put events on it. */
  readonly bus?: { readonly eventBus: EventBus; readonly publishes: boolean };
  readonly rule: HandlerRule;
}

/**
 * A ChRM function invoked by an EventBridge rule (an event pattern or a schedule), with its table and bus
 * named in its environment and granted. Further grants are added by the caller.
 */
export class EventHandlerFunction extends ChrmFunction {
  constructor(scope: Construct, id: string, props: EventHandlerFunctionProps) {
    const { table, bus, rule, environment, ...functionProps } = props;
    super(scope, id, {
      ...functionProps,
      environment: {
        ...(table ? { TABLE_NAME: table.tableName } : {}),
        ...(bus ? { EVENT_BUS_NAME: bus.eventBus.eventBusName } : {}),
        ...environment,
      },
    });
    table?.grantReadWriteData(this.function);
    if (bus?.publishes) bus.eventBus.grantPutEventsTo(this.function);
    const { id: ruleId, description, input, retryAttempts = 2, maxEventAge } = rule;
    const target = new LambdaFunction(this.function, {
      retryAttempts,
      ...(input ? { event: input } : {}),
      ...(maxEventAge ? { maxEventAge } : {}),
    });
    const trigger =
      'schedule' in rule
        ? { schedule: rule.schedule }
        : {
            eventBus: rule.eventBus,
            eventPattern: {
              source: [rule.event.source],
              detailType: [rule.event.detailType],
              ...(rule.detail ? { detail: rule.detail } : {}),
            },
          };
    new Rule(scope, ruleId, { description, ...trigger, targets: [target] });
  }
}
