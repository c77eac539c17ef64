import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AttributeType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, EventField, Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { describe, expect, it } from 'vitest';
import { ChrmFunction } from '../../infra/constructs/chrm-function';
import { EventHandlerFunction } from '../../infra/constructs/event-handler-function';

const entry = 'functions/api/health/get-health.ts';

/** A stack with a table and a bus, without bundling (bundling has a test of its own). */
function stackWithData(declare: (stack: Stack, table: TableV2, eventBus: EventBus) => void) {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new Stack(app, 'Handlers');
  const table = new TableV2(stack, 'Table', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
  const eventBus = new EventBus(stack, 'Bus');
  declare(stack, table, eventBus);
  return Template.fromStack(stack).toJSON();
}

describe('EventHandlerFunction', () => {
  // Deployed stacks moved onto the construct: the same logical ids and properties keep their resources.
  it('synthesizes what a function, its grants and a stack-level rule declared by hand do', () => {
    const byHand = stackWithData((stack, table, eventBus) => {
      const onEvent = new ChrmFunction(stack, 'OnThing', {
        entry,
        description: 'handles things',
        environment: { TABLE_NAME: table.tableName, EVENT_BUS_NAME: eventBus.eventBusName, EXTRA: 'x' },
      });
      table.grantReadWriteData(onEvent.function);
      eventBus.grantPutEventsTo(onEvent.function);
      new Rule(stack, 'ThingHappened', {
        description: 'a thing happened',
        eventBus,
        eventPattern: { source: ['chrm.things'], detailType: ['ThingHappened'], detail: { kind: ['pos'] } },
        targets: [
          new LambdaFunction(onEvent.function, { retryAttempts: 8, maxEventAge: Duration.hours(24) }),
        ],
      });
      const daily = new ChrmFunction(stack, 'Daily', { entry, description: 'runs daily' });
      new Rule(stack, 'DailySchedule', {
        description: 'every day',
        schedule: Schedule.cron({ minute: '15', hour: '0' }),
        targets: [
          new LambdaFunction(daily.function, {
            event: RuleTargetInput.fromObject({ scheduledAt: EventField.time }),
            retryAttempts: 2,
          }),
        ],
      });
    });
    const byConstruct = stackWithData((stack, table, eventBus) => {
      new EventHandlerFunction(stack, 'OnThing', {
        entry,
        description: 'handles things',
        environment: { EXTRA: 'x' },
        table,
        bus: { eventBus, publishes: true },
        rule: {
          id: 'ThingHappened',
          description: 'a thing happened',
          eventBus,
          event: { source: 'chrm.things', detailType: 'ThingHappened' },
          detail: { kind: ['pos'] },
          retryAttempts: 8,
          maxEventAge: Duration.hours(24),
        },
      });
      new EventHandlerFunction(stack, 'Daily', {
        entry,
        description: 'runs daily',
        rule: {
          id: 'DailySchedule',
          description: 'every day',
          schedule: Schedule.cron({ minute: '15', hour: '0' }),
          input: RuleTargetInput.fromObject({ scheduledAt: EventField.time }),
        },
      });
    });
    expect(byConstruct).toEqual(byHand);
  });

  it('names and grants only what it is given: a bus it does not publish on is named, not granted', () => {
    const template = Template.fromJSON(
      stackWithData((stack, _table, eventBus) => {
        new EventHandlerFunction(stack, 'Listener', {
          entry,
          description: 'listens',
          bus: { eventBus, publishes: false },
          rule: { id: 'Hourly', description: 'every hour', schedule: Schedule.rate(Duration.hours(1)) },
        });
      }),
    );
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ EVENT_BUS_NAME: Match.anyValue() }) },
    });
    const variables = Object.values(template.findResources('AWS::Lambda::Function')).map(
      (fn) => fn.Properties.Environment.Variables,
    );
    expect(variables.map((names) => 'TABLE_NAME' in names)).toEqual([false]);
    // The role's only policy is X-Ray tracing: no table grant, no PutEvents.
    const actions = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(actions).not.toContain('dynamodb:');
    expect(actions).not.toContain('events:PutEvents');
    template.hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 2 } })],
    });
  });
});
