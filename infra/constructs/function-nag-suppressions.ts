import type { Stack } from 'aws-cdk-lib';
import { NagSuppressions } from 'cdk-nag';

type AppliesTo = string | { readonly regex: string };

/**
 * The cdk-nag findings every stack of ChRM functions shares, acknowledged once with their reasons, plus
 * the wildcards particular to the stack (`extra`, with why they are needed).
 */
export function acknowledgeFunctionFindings(
  stack: Stack,
  extra: { reason: string; appliesTo: AppliesTo[] },
): void {
  NagSuppressions.addStackSuppressions(stack, [
    {
      id: 'AwsSolutions-IAM4',
      reason: "AWSLambdaBasicExecutionRole only allows writing the function's own CloudWatch logs.",
      appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
    },
    {
      id: 'AwsSolutions-IAM5',
      reason: `X-Ray has no resource-level permissions; table grants include the table's indexes; ${extra.reason}`,
      appliesTo: ['Resource::*', { regex: '/^Resource::.*Table.*\\/index\\/\\*$/g' }, ...extra.appliesTo],
    },
  ]);
}
