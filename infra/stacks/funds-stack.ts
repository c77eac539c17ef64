import { Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventField, Rule, RuleTargetInput, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';
import { ChrmFunction } from '../constructs/chrm-function';
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
    const expiry = new ChrmFunction(this, 'ExpireFunds', {
      entry: 'functions/schedule/expire-funds.ts',
      description: 'Expires fund requests and funds past their dates and releases what they held',
      environment: { TABLE_NAME: props.table.tableName, UPLOADS_BUCKET: props.uploads.bucketName },
      timeout: Duration.minutes(5),
    });
    props.table.grantReadWriteData(expiry.function);
    // Shortly after midnight UTC: "past its date" is decided for the day that just began.
    new Rule(this, 'DailyFundExpiry', {
      description: 'Daily expiry of fund requests and funds (use it or lose it)',
      schedule: Schedule.cron({ minute: '15', hour: '0' }),
      targets: [
        new LambdaFunction(expiry.function, {
          event: RuleTargetInput.fromObject({ scheduledAt: EventField.time }),
          retryAttempts: 2,
        }),
      ],
    });
    acknowledgeFunctionFindings(this, {
      reason: 'log delivery has no resource-level permissions.',
      appliesTo: [],
    });
  }
}
