import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { EventBus } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { priceProtectionClaimIdPrefix } from '../../domain/price-protection/price-protection-run';
import * as claimDecided from '../../events/claim-decided.v1';
import { EventHandlerFunction } from '../constructs/event-handler-function';
import { acknowledgeFunctionFindings } from '../constructs/function-nag-suppressions';

export interface PriceProtectionStackProps extends StackProps {
  readonly table: TableV2;
  readonly eventBus: EventBus;
}

/**
 * Price protection's event-driven side: when people reject a generated claim, the reverse recoveries it had
 * netted become open again. The routes are in the API route stack of the context.
 */
export class PriceProtectionStack extends Stack {
  constructor(scope: Construct, id: string, props: PriceProtectionStackProps) {
    super(scope, id, props);
    new EventHandlerFunction(this, 'ReopenRecoveries', {
      entry: 'functions/events/reopen-price-protection-recoveries.ts',
      description: 'Opens again the price protection recoveries a rejected claim had netted',
      timeout: Duration.minutes(1),
      table: props.table,
      bus: { eventBus: props.eventBus, publishes: false },
      rule: {
        id: 'PriceProtectionClaimRejected',
        description: 'A generated price protection claim was rejected: reopen the recoveries it netted',
        eventBus: props.eventBus,
        event: claimDecided,
        detail: { outcome: ['rejected'], claimId: [{ prefix: priceProtectionClaimIdPrefix }] },
      },
    });
    acknowledgeFunctionFindings(this, { reason: 'nothing else is granted with a wildcard.', appliesTo: [] });
  }
}
