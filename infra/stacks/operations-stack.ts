import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { ChrmFunction } from '../constructs/chrm-function';
import { acknowledgeFunctionFindings } from '../constructs/function-nag-suppressions';

export interface OperationsStackProps extends StackProps {
  readonly table: TableV2;
}

/**
 * Jobs an operator invokes by hand, with no trigger: the upgrade backfill of the read models kept on write
 * (README, "Upgrading"). Kept out of the data stack, which holds no code.
 */
export class OperationsStack extends Stack {
  readonly readModelBackfill: ChrmFunction;

  constructor(scope: Construct, id: string, props: OperationsStackProps) {
    super(scope, id, props);
    this.readModelBackfill = new ChrmFunction(this, 'BackfillReadModels', {
      entry: 'functions/operations/backfill-read-models.ts',
      description:
        'Upgrade: adds postings older than liability summaries to them and lists legacy sale lines in their shard directories',
      environment: { TABLE_NAME: props.table.tableName },
      // A pass stops a minute before this and resumes at the next invocation from its checkpoints.
      timeout: Duration.minutes(15),
      memorySize: 1024,
    });
    props.table.grantReadWriteData(this.readModelBackfill.function);
    new CfnOutput(this, 'BackfillReadModelsFunction', {
      description: 'Invoke with {} until the result says complete (README, "Upgrading")',
      value: this.readModelBackfill.function.functionName,
    });
    acknowledgeFunctionFindings(this, {
      reason: 'log delivery has no resource-level permissions.',
      appliesTo: [],
    });
  }
}
