import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventField, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { EventHandlerFunction } from '../constructs/event-handler-function';
import { acknowledgeFunctionFindings } from '../constructs/function-nag-suppressions';

export interface FundsStackProps extends StackProps {
  readonly table: TableV2;
  readonly uploads: Bucket;
}

/**
 * Co-op and MDF funds' scheduled side: the daily expiry job (use it or lose it) that expires requests past
 * their dates, returns unclaimed reservations and releases expired funds' unspent balances. The fund routes
 * are in the API's `funds` route stack.
 */
export class FundsStack extends Stack {
  constructor(scope: Construct, id: string, props: FundsStackProps) {
    super(scope, id, props);
    new EventHandlerFunction(this, 'ExpireFunds', {
      entry: 'functions/schedule/expire-funds.ts',
      description: 'Expires fund requests and funds past their dates and releases what they held',
      environment: { UPLOADS_BUCKET: props.uploads.bucketName },
      timeout: Duration.minutes(5),
      table: props.table,
      // Shortly after midnight UTC: "past its date" is decided for the day that just began.
      rule: {
        id: 'DailyFundExpiry',
        description: 'Daily expiry of fund requests and funds (use it or lose it)',
        schedule: Schedule.cron({ minute: '15', hour: '0' }),
        input: RuleTargetInput.fromObject({ scheduledAt: EventField.time }),
      },
    });
    acknowledgeFunctionFindings(this, {
      reason: 'log delivery has no resource-level permissions.',
      appliesTo: [],
    });
  }
}
