import { Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import { acknowledgeFunctionFindings } from '../constructs/function-nag-suppressions';
import { UserDirectory } from '../constructs/user-directory';

/**
 * The HTTP API itself: the Cognito user directory, the stage with its throttle and access logs, and the key that
 * signs paging cursors. The routes and their functions live in one `ApiRoutesStack` per bounded context; the
 * JWT authorizer they use lives in the web stack, next to the portal's app client whose tokens it accepts.
 */
export class ApiStack extends Stack {
  readonly api: HttpApi;
  readonly cursorSigningKey: Secret;
  readonly users: UserDirectory;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.users = new UserDirectory(this, 'UserDirectory');
    this.api = new HttpApi(this, 'HttpApi', { apiName: 'chrm', createDefaultStage: false });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 200, burstLimit: 400 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(
          new LogGroup(this, 'AccessLogs', { retention: RetentionDays.THREE_MONTHS }),
        ),
      },
    });

    // Signs the paging cursors the API hands out (functions/shared/http/paging.ts). CloudFormation resolves it
    // into the functions' environment at deploy; rotating it only sends clients back to a listing's first page.
    this.cursorSigningKey = new Secret(this, 'CursorSigningKey', {
      description: 'HMAC key that binds paging cursors to their caller and query',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    NagSuppressions.addResourceSuppressions(this.cursorSigningKey, [
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'A paging-cursor HMAC key guards no data at rest; rotate it by redeploying a new secret value.',
      },
    ]);
    acknowledgeFunctionFindings(this, { reason: 'the token trigger reads nothing else.', appliesTo: [] });
  }
}
