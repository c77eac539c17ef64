import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { EventBus } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import * as channelFileProcessed from '../../events/channel-file-processed.v1';
import { EventHandlerFunction } from '../constructs/event-handler-function';
import { acknowledgeFunctionFindings } from '../constructs/function-nag-suppressions';

export interface ShipAndDebitStackProps extends StackProps {
  readonly table: TableV2;
  readonly eventBus: EventBus;
}

/**
 * Ship & debit's event-driven side: when a POS file completes, the partner's returns of credited resales
 * are billed back. The routes are in the API route stack of the context.
 */
export class ShipAndDebitStack extends Stack {
  constructor(scope: Construct, id: string, props: ShipAndDebitStackProps) {
    super(scope, id, props);
    new EventHandlerFunction(this, 'BillBackPosReturns', {
      entry: 'functions/events/bill-back-pos-returns.ts',
      description: 'Bills back the POS returns of credited ship & debit resales when a POS file completes',
      timeout: Duration.minutes(5),
      table: props.table,
      bus: { eventBus: props.eventBus, publishes: false },
      rule: {
        id: 'PosFileProcessed',
        description: 'A POS file reached a final state: bill back its returns',
        eventBus: props.eventBus,
        event: channelFileProcessed,
        detail: { kind: ['pos'], status: ['completed', 'completed_with_rejections'] },
      },
    });
    acknowledgeFunctionFindings(this, { reason: 'nothing else is granted with a wildcard.', appliesTo: [] });
  }
}
