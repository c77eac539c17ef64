import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';

/**
 * X-Ray tracing of the SDK clients (each client is created through `traced`), on in Lambda (the functions
 * have active tracing) and off elsewhere, where there is no X-Ray daemon.
 */
export const tracer = new Tracer({ serviceName: 'chrm' });
export const traced = <Client>(client: Client): Client => tracer.captureAWSv3Client(client);

/**
 * CloudWatch metrics (embedded metric format, written to the function's log) for the business counts.
 * Created at the first count, from the function's settings: the local runtime, which loads this module
 * before it applies the functions' settings, sets POWERTOOLS_METRICS_DISABLED (no CloudWatch to read them).
 */
let metrics: Metrics | undefined;

/** The business counts ChRM reports, by name. */
export type BusinessCount =
  | 'LinesAccepted'
  | 'LinesRejected'
  | 'ChannelFilesIngested'
  | 'PostingsWritten'
  | 'AccrualRunsCompleted'
  | 'NearTierAlerts';

export function countBusiness(name: BusinessCount, value: number): void {
  metrics ??= new Metrics({ namespace: 'ChRM', serviceName: 'chrm' });
  metrics.addMetric(name, MetricUnit.Count, value);
}

/** Writes the counts made since the last call (if any): once per invocation, by the entry point. */
export function publishBusinessCounts(): void {
  if (metrics?.hasStoredMetrics()) metrics.publishStoredMetrics();
}
