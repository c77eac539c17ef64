import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { type EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Construct } from 'constructs';
import { priceProtectionClaimIdPrefix } from '../../domain/price-protection/price-protection-run';
import * as claimDecided from '../../events/claim-decided.v1';
import { ChrmFunction } from '../constructs/chrm-function';
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
    const reopen = new ChrmFunction(this, 'ReopenRecoveries', {
      entry: 'functions/events/reopen-price-protection-recoveries.ts',
      description: 'Opens again the price protection recoveries a rejected claim had netted',
      timeout: Duration.minutes(1),
      environment: { TABLE_NAME: props.table.tableName, EVENT_BUS_NAME: props.eventBus.eventBusName },
    });
    props.table.grantReadWriteData(reopen.function);
    new Rule(this, 'PriceProtectionClaimRejected', {
      description: 'A generated price protection claim was rejected: reopen the recoveries it netted',
      eventBus: props.eventBus,
      eventPattern: {
        source: [claimDecided.source],
        detailType: [claimDecided.detailType],
        detail: { outcome: ['rejected'], claimId: [{ prefix: priceProtectionClaimIdPrefix }] },
      },
      targets: [new LambdaFunction(reopen.function, { retryAttempts: 2 })],
    });
    acknowledgeFunctionFindings(this, { reason: 'nothing else is granted with a wildcard.', appliesTo: [] });
  }
}
