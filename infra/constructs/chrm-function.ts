import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, type CfnFunction, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export const repositoryRoot = path.resolve(import.meta.dirname, '../..');

/** Template metadata key naming a function's handler source; the local runtime reads it to run the same code. */
export const entryMetadataKey = 'chrm:entry';

export interface ChrmFunctionProps {
  /** Handler source relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly environment?: Record<string, string>;
  readonly timeout?: Duration;
  readonly memorySize?: number;
}

/**
 * Every ChRM Lambda: Node.js on ARM, ESM bundle with source maps, X-Ray tracing, its own log group with a
 * bounded retention, and Powertools settings. Grants are added by the caller, per function.
 */
export class ChrmFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: ChrmFunctionProps) {
    super(scope, id);
    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(repositoryRoot, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      logGroup,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME: 'chrm',
        POWERTOOLS_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
      projectRoot: repositoryRoot,
      depsLockFilePath: path.join(repositoryRoot, 'package-lock.json'),
      bundling: {
        format: OutputFormat.ESM,
        target: 'node24',
        minify: true,
        sourceMap: true,
        mainFields: ['module', 'main'],
        // Some bundled CommonJS dependencies call require(); ESM bundles need it defined.
        banner: "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
      },
    });
    (this.function.node.defaultChild as CfnFunction).addMetadata(entryMetadataKey, props.entry);
  }
}
