import { Stack, type StackProps } from 'aws-cdk-lib';
import {
  type HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { EventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import type { Bucket } from 'aws-cdk-lib/aws-s3';
import type { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import type { RouteSpec } from '../../functions/api/route-spec';
import { ChrmFunction } from '../constructs/chrm-function';
import { acknowledgeFunctionFindings } from '../constructs/function-nag-suppressions';

export interface ApiRoutesStackProps extends StackProps {
  /** The HTTP API (in the API stack) these routes join. */
  readonly api: HttpApi;
  /** The JWT authorizer that guards every route but the public ones (in the web stack, see WebStack). */
  readonly authorizer: IHttpRouteAuthorizer;
  readonly cursorSigningKey: Secret;
  readonly table: TableV2;
  readonly uploads: Bucket;
  readonly eventBus: EventBus;
  readonly accrualWorkflow: IStateMachine;
  /** The channel-file ingest workflow, which staff retries restart. */
  readonly ingestWorkflow: IStateMachine;
  /** The claim-approval workflow, which decisions and partner answers resume. */
  readonly claimApprovalWorkflow: IStateMachine;
  /** The request-approval workflow (fund requests, debit authorization requests): submits start it, decisions resume it. */
  readonly requestApprovalWorkflow: IStateMachine;
  readonly routes: readonly RouteSpec[];
}

/** PascalCase construct id from an operation id: createPartner → CreatePartner. */
const constructId = (route: RouteSpec) =>
  route.operationId.charAt(0).toUpperCase() + route.operationId.slice(1);

/** Lets a function sign PUTs under one prefix of a bucket (a presigned URL carries its signer's rights). */
const allowPutUnder = (fn: IFunction, bucket: Bucket, prefix: string) =>
  fn.addToRolePolicy(
    new PolicyStatement({ actions: ['s3:PutObject'], resources: [bucket.arnForObjects(prefix)] }),
  );

/**
 * One bounded context's routes of the HTTP API: one Lambda per route, with table grants limited to what the
 * route needs (reads for GET, read/write otherwise) and only the workflow, bus and bucket rights it asks for.
 * Each context has its own stack because a route costs seven resources and a stack holds at most 500.
 */
export class ApiRoutesStack extends Stack {
  constructor(scope: Construct, id: string, props: ApiRoutesStackProps) {
    super(scope, id, props);
    // The account payments leave from, as JSON (see functions/payments/create-payment-deps.ts); without it the
    // bank-file route answers 422 rather than write a file with someone else's account.
    const payerAccount: unknown = this.node.tryGetContext('chrm:payerAccount');
    for (const route of props.routes) {
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
                CURSOR_SIGNING_KEY: props.cursorSigningKey.secretValue.unsafeUnwrap(),
                ...(route.startsAccrualRuns
                  ? { ACCRUAL_STATE_MACHINE_ARN: props.accrualWorkflow.stateMachineArn }
                  : {}),
                ...(route.startsIngests
                  ? { INGEST_STATE_MACHINE_ARN: props.ingestWorkflow.stateMachineArn }
                  : {}),
                ...(route.startsRequestApprovals
                  ? { REQUEST_APPROVAL_STATE_MACHINE_ARN: props.requestApprovalWorkflow.stateMachineArn }
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
      if (route.resumesApprovals) props.requestApprovalWorkflow.grantTaskResponse(handler.function);
      if (route.startsRequestApprovals) props.requestApprovalWorkflow.grantStartExecution(handler.function);
      if (route.publishesEvents) props.eventBus.grantPutEventsTo(handler.function);
      if (route.readsRunSnapshots) props.uploads.grantRead(handler.function, 'runs/*');
      if (route.signsEvidenceUploads) {
        // Evidence of proof of performance: PutObject under evidence/ only, outside the ingest trigger's prefix.
        handler.function.addToRolePolicy(
          new PolicyStatement({
            actions: ['s3:PutObject'],
            resources: [props.uploads.arnForObjects('evidence/*')],
          }),
        );
      }
      if (route.readsEvidence) props.uploads.grantRead(handler.function, 'evidence/*');
      // Attachments of special pricing requests: PutObject under attachments/ only (outside the ingest trigger's
      // prefix); reading them lists, HEADs and signs their downloads.
      if (route.signsAttachmentUploads) allowPutUnder(handler.function, props.uploads, 'attachments/*');
      if (route.readsAttachments) props.uploads.grantRead(handler.function, 'attachments/*');
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
      const httpRoute = new HttpRoute(this, `${constructId(route)}Route`, {
        httpApi: props.api,
        routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
        integration: new HttpLambdaIntegration(`${constructId(route)}Integration`, handler.function),
        authorizer: route.public ? new HttpNoneAuthorizer() : props.authorizer,
      });
      if (route.public) {
        NagSuppressions.addResourceSuppressions(httpRoute, [
          { id: 'AwsSolutions-APIG4', reason: 'Public on purpose (health checks); it reads no data.' },
        ]);
      }
    }

    acknowledgeFunctionFindings(this, {
      reason:
        'upload signing needs any new key under uploads/ (evidence/ for fund claims, attachments/ for debit authorizations, which also read what was uploaded there); explaining and replaying runs reads any run snapshot under runs/.',
      appliesTo: [
        { regex: '/^Resource::.*Uploads.*\\/uploads\\/\\*$/g' },
        { regex: '/^Resource::.*Uploads.*\\/evidence\\/\\*$/g' },
        { regex: '/^Resource::.*Uploads.*\\/attachments\\/\\*$/g' },
        { regex: '/^Resource::.*Uploads.*\\/runs\\/\\*$/g' },
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
      ],
    });
  }
}
