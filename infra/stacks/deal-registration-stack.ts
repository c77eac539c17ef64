import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type EventBus, Schedule } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { EventHandlerFunction } from '../constructs/event-handler-function';
import { acknowledgeFunctionFindings } from '../constructs/function-nag-suppressions';

export interface DealRegistrationStackProps extends StackProps {
  readonly table: TableV2;
  readonly eventBus: EventBus;
}

/**
 * Deal registration's scheduled side: once a day, registrations whose protection ended expire and those
 * ending soon are reminded (events on the bus). The routes are in the API route stack of the context.
 */
export class DealRegistrationStack extends Stack {
  constructor(scope: Construct, id: string, props: DealRegistrationStackProps) {
    super(scope, id, props);
    new EventHandlerFunction(this, 'ExpireDealRegistrations', {
      entry: 'functions/schedule/expire-deal-registrations.ts',
      description: 'Expires deal registrations past their protection and reminds those ending soon',
      timeout: Duration.minutes(5),
      environment: { DEAL_REMINDER_DAYS: '14' },
      table: props.table,
      bus: { eventBus: props.eventBus, publishes: true },
      // Just after midnight UTC: a protection that ran through yesterday ends today.
      rule: {
        id: 'DailyDealExpiry',
        description: 'Expires deal registrations and sends expiry reminders',
        schedule: Schedule.cron({ minute: '15', hour: '0' }),
      },
    });
    acknowledgeFunctionFindings(this, { reason: 'nothing else is granted with a wildcard.', appliesTo: [] });
  }
}
