import { Duration } from 'aws-cdk-lib';
import type { RetryProps } from 'aws-cdk-lib/aws-stepfunctions';

/** Retries of a workflow's Lambda step on the Lambda service's transient errors (never on the step's own). */
export const transientLambdaRetry: RetryProps = {
  errors: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
  ],
  maxAttempts: 4,
  interval: Duration.seconds(2),
  backoffRate: 2,
};
