import { Stack, type StackProps } from 'aws-cdk-lib';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { EventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import type { RouteSpec } from '../../functions/api/route-spec';
import { apiRoutes } from '../../functions/api/routes';
import { ChrmFunction } from '../constructs/chrm-function';
import { acknowledgeFunctionFindings } from '../constructs/function-nag-suppressions';
import { UserDirectory } from '../constructs/user-directory';

export interface ApiStackProps extends StackProps {
  readonly table: TableV2;
  readonly uploads: Bucket;
  readonly eventBus: EventBus;
  readonly accrualWorkflow: IStateMachine;
  /** The channel-file ingest workflow, which staff retries restart. */
  readonly ingestWorkflow: IStateMachine;
  /** The claim-approval workflow, which decisions and partner answers resume. */
  readonly claimApprovalWorkflow: IStateMachine;
  readonly routes?: readonly RouteSpec[];
}

/** PascalCase construct id from an operation id: createPartner → CreatePartner. */
const constructId = (route: RouteSpec) =>
  route.operationId.charAt(0).toUpperCase() + route.operationId.slice(1);

/**
 * The HTTP API: one Lambda per route from the shared route table, a Cognito JWT authorizer on every route but
 * health, access logs, and table grants limited to what each route needs (reads for GET, read/write otherwise).
 */
export class ApiStack extends Stack {
  readonly api: HttpApi;

  constructor(scope: Construct, id: string, props: ApiStackProps) {
    super(scope, id, props);
    const users = new UserDirectory(this, 'UserDirectory');
    const authorizer = new HttpUserPoolAuthorizer('CognitoJwt', users.userPool, {
      userPoolClients: [users.client],
    });
    this.api = new HttpApi(this, 'HttpApi', {
      apiName: 'chrm',
      createDefaultStage: false,
      defaultAuthorizer: authorizer,
    });
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
    const cursorSigningKey = new Secret(this, 'CursorSigningKey', {
      description: 'HMAC key that binds paging cursors to their caller and query',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    NagSuppressions.addResourceSuppressions(cursorSigningKey, [
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'A paging-cursor HMAC key guards no data at rest; rotate it by redeploying a new secret value.',
      },
    ]);

    // The account payments leave from, as JSON (see functions/payments/create-payment-deps.ts); without it the
    // bank-file route answers 422 rather than write a file with someone else's account.
    const payerAccount: unknown = this.node.tryGetContext('chrm:payerAccount');
    for (const route of props.routes ?? apiRoutes) {
      const handler = new ChrmFunction(this, constructId(route), {
        entry: route.entry,
        description: `${route.method} ${route.path}`,
        environment:
          route.tableAccess === 'none'
            ? {}
            : {
                TABLE_NAME: props.table.tableName,
                UPLOADS_BUCKET: props.uploads.bucketName,
                EVENT_BUS_NAME: props.eventBus.eventBusName,
                CURSOR_SIGNING_KEY: cursorSigningKey.secretValue.unsafeUnwrap(),
                ...(route.startsAccrualRuns
                  ? { ACCRUAL_STATE_MACHINE_ARN: props.accrualWorkflow.stateMachineArn }
                  : {}),
                ...(route.startsIngests
                  ? { INGEST_STATE_MACHINE_ARN: props.ingestWorkflow.stateMachineArn }
                  : {}),
                ...(route.readsPayerAccount && payerAccount !== undefined
                  ? {
                      PAYER_ACCOUNT:
                        typeof payerAccount === 'string' ? payerAccount : JSON.stringify(payerAccount),
                    }
                  : {}),
              },
      });
      if (route.startsAccrualRuns) props.accrualWorkflow.grantStartExecution(handler.function);
      if (route.startsIngests) props.ingestWorkflow.grantStartExecution(handler.function);
      if (route.resumesApprovals) props.claimApprovalWorkflow.grantTaskResponse(handler.function);
      if (route.publishesEvents) props.eventBus.grantPutEventsTo(handler.function);
      if (route.readsRunSnapshots) props.uploads.grantRead(handler.function, 'runs/*');
      if (route.signsUploads) {
        // Presigned URLs carry the signer's permissions: PutObject under uploads/ and nothing else.
        handler.function.addToRolePolicy(
          new PolicyStatement({
            actions: ['s3:PutObject'],
            resources: [props.uploads.arnForObjects('uploads/*')],
          }),
        );
      }
      const access = route.tableAccess ?? (route.method === 'GET' ? 'read' : 'readWrite');
      if (access === 'read') props.table.grantReadData(handler.function);
      if (access === 'readWrite') props.table.grantReadWriteData(handler.function);
      const httpRoutes = this.api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(`${constructId(route)}Integration`, handler.function),
        ...(route.public ? { authorizer: new HttpNoneAuthorizer() } : {}),
      });
      if (route.public) {
        NagSuppressions.addResourceSuppressions(httpRoutes, [
          { id: 'AwsSolutions-APIG4', reason: 'Public on purpose (health checks); it reads no data.' },
        ]);
      }
    }

    acknowledgeFunctionFindings(this, {
      reason:
        'upload signing needs any new key under uploads/; explaining and replaying runs reads any run snapshot under runs/.',
      appliesTo: [
        { regex: '/^Resource::.*Uploads.*\\/uploads\\/\\*$/g' },
        { regex: '/^Resource::.*Uploads.*\\/runs\\/\\*$/g' },
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
      ],
    });
  }
}
