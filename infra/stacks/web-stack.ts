import path from 'node:path';
import { CfnOutput, DockerImage, Duration, Fn, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import {
  type HttpApi,
  HttpAuthorizer,
  HttpAuthorizerType,
  type IHttpRouteAuthorizer,
} from 'aws-cdk-lib/aws-apigatewayv2';
import {
  AllowedMethods,
  CachePolicy,
  Function as CloudFrontFunction,
  Distribution,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  OriginProtocolPolicy,
  OriginRequestPolicy,
  OriginSslPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { OAuthScope, UserPoolClient, UserPoolClientIdentityProvider } from 'aws-cdk-lib/aws-cognito';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  type IBucket,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { NagSuppressions } from 'cdk-nag';
import type { Construct } from 'constructs';
import { writeWebApp } from '../../web/build';
import { webContentSecurityPolicy } from '../../web/security-headers';
import { apiPathPrefix } from '../../web/src/api-path';
import { type SignInConfig, signInConfigPath } from '../../web/src/sign-in-config';
import { repositoryRoot } from '../constructs/chrm-function';
import type { UserDirectory } from '../constructs/user-directory';
import { type WebAclStack, webAclRegion } from './web-acl-stack';

export interface WebStackProps extends StackProps {
  readonly api: HttpApi;
  /** Partners' browsers PUT files here with presigned URLs: the CSP lets the portal connect to it. */
  readonly uploads: Bucket;
  /** The user pool (in the API stack) whose hosted UI signs portal users in. */
  readonly users: UserDirectory;
  /** The web ACL's stack (us-east-1), deployed first; its ACL's ARN is read from its SSM parameter. */
  readonly webAcl: WebAclStack;
}

/**
 * The partner portal and staff console on AWS: the built web app in a private bucket behind CloudFront (origin
 * access control), and the HTTP API behind the same distribution under `/api/*`, so the browser calls one
 * origin and the API needs no CORS (it declares none: other origins' browsers cannot call it with a token).
 *
 * Sign-in: the portal's Cognito app client lives here because its callback URL is this distribution's URL, and
 * so does the API's JWT authorizer, which must accept that client's tokens: in the API stack either would close
 * a cycle (the distribution routes /api to the API). The route stacks take the authorizer from here.
 */
export class WebStack extends Stack {
  readonly distribution: Distribution;
  /** The JWT authorizer of every authenticated route: Cognito ID tokens of the API client or the portal. */
  readonly apiAuthorizer: IHttpRouteAuthorizer;

  constructor(scope: Construct, id: string, props: WebStackProps) {
    super(scope, id, props);

    // One bucket for the site bucket's access logs and CloudFront's standard logs (which need object ACLs).
    const logs = new Bucket(this, 'WebLogs', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.OBJECT_WRITER,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    NagSuppressions.addResourceSuppressions(logs, [
      { id: 'AwsSolutions-S1', reason: 'This bucket receives the web logs; logging it would loop.' },
    ]);

    // aws-cdk-lib's IBucket is not written for exactOptionalPropertyTypes; Bucket implements it.
    const site: IBucket = new Bucket(this, 'WebSite', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs as IBucket,
      serverAccessLogsPrefix: 'site-bucket/',
      removalPolicy: RemovalPolicy.DESTROY,
    }) as IBucket;

    const securityHeaders = new ResponseHeadersPolicy(this, 'WebSecurityHeaders', {
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: webContentSecurityPolicy(
            `https://${props.uploads.bucketRegionalDomainName}`,
            props.users.hostedUi.baseUrl(),
          ),
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
      },
    });

    // `/api/partners/P1` reaches the HTTP API as `/partners/P1`: the routes stay where curl and ERPs call them.
    const stripApiPrefix = new CloudFrontFunction(this, 'StripApiPrefix', {
      runtime: FunctionRuntime.JS_2_0,
      comment: `Removes ${apiPathPrefix} before the request goes to the HTTP API`,
      code: FunctionCode.fromInline(
        `function handler(event) { var request = event.request; request.uri = request.uri.slice(${apiPathPrefix.length}) || '/'; return request; }`,
      ),
    });
    // The API's host, from its endpoint `https://<id>.execute-api.<region>.amazonaws.com`.
    const apiDomain = Fn.select(2, Fn.split('/', props.api.apiEndpoint));

    // What CDK's cross-region references do, for an environment-agnostic stack: read the parameter in us-east-1.
    // The ACL keeps its ARN for life (it is updated in place), so reading it once, at creation, is enough.
    this.addStackDependency(props.webAcl);
    const webAclArn = new AwsCustomResource(this, 'WebAclArn', {
      onUpdate: {
        service: 'SSM',
        action: 'GetParameter',
        parameters: { Name: props.webAcl.arnParameterName },
        region: webAclRegion,
        physicalResourceId: PhysicalResourceId.of(props.webAcl.arnParameterName),
      },
      policy: AwsCustomResourcePolicy.fromSdkCalls({
        resources: [
          this.formatArn({
            service: 'ssm',
            region: webAclRegion,
            resource: 'parameter',
            resourceName: props.webAcl.arnParameterName.slice(1),
          }),
        ],
      }),
      installLatestAwsSdk: false,
    }).getResponseField('Parameter.Value');

    this.distribution = new Distribution(this, 'WebDistribution', {
      comment: 'ChRM partner portal and staff console, with the API under /api',
      webAclId: webAclArn,
      defaultRootObject: 'index.html',
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: logs as IBucket,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(site),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: securityHeaders,
        compress: true,
      },
      additionalBehaviors: {
        [`${apiPathPrefix}/*`]: {
          origin: new HttpOrigin(apiDomain, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [OriginSslPolicy.TLS_V1_2],
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          // Every answer is the caller's own: never cached. The viewer's Authorization header goes through;
          // Host does not (API Gateway answers only to its own name).
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          functionAssociations: [{ function: stripApiPrefix, eventType: FunctionEventType.VIEWER_REQUEST }],
          compress: true,
        },
      },
    });

    // The same build the local gateway serves. Hashed assets are immutable and never pruned (a browser holding
    // the previous index.html still finds its script); index.html is revalidated and invalidated on deploy.
    const build = Source.asset(path.join(repositoryRoot, 'web'), {
      exclude: ['out'],
      bundling: {
        image: DockerImage.fromRegistry('public.ecr.aws/docker/library/node:20'),
        local: {
          tryBundle(outputDirectory) {
            writeWebApp(outputDirectory);
            return true;
          },
        },
      },
    });
    new BucketDeployment(this, 'DeployAssets', {
      sources: [build],
      destinationBucket: site,
      exclude: ['index.html'],
      prune: false,
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
    });
    new BucketDeployment(this, 'DeployIndex', {
      sources: [build],
      destinationBucket: site,
      exclude: ['*'],
      include: ['index.html'],
      prune: false,
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/', '/index.html'],
    });

    // The portal signs in through the hosted UI with the authorization code grant and PKCE: a browser app keeps
    // no secret. It hands the API the ID token, which carries the role and partner claims (pre-token trigger).
    const portalUrl = `https://${this.distribution.distributionDomainName}/`;
    const portalClient = new UserPoolClient(this, 'PortalClient', {
      userPool: props.users.userPool,
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [portalUrl],
        logoutUrls: [portalUrl],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      idTokenValidity: Duration.hours(1),
    });
    const authorizer = new HttpAuthorizer(this, 'CognitoJwt', {
      httpApi: props.api,
      authorizerName: 'CognitoJwt',
      type: HttpAuthorizerType.JWT,
      identitySource: ['$request.header.Authorization'],
      jwtIssuer: `https://cognito-idp.${this.region}.amazonaws.com/${props.users.userPool.userPoolId}`,
      jwtAudience: [props.users.client.userPoolClientId, portalClient.userPoolClientId],
    });
    this.apiAuthorizer = HttpAuthorizer.fromHttpAuthorizerAttributes(this, 'RouteAuthorizer', {
      authorizerId: authorizer.authorizerId,
      authorizerType: HttpAuthorizerType.JWT,
    });
    // What the bundle reads at startup: the same build serves every environment.
    const signInConfig: SignInConfig = {
      signIn: 'cognito',
      hostedUiUrl: props.users.hostedUi.baseUrl(),
      clientId: portalClient.userPoolClientId,
    };
    new BucketDeployment(this, 'DeployConfig', {
      sources: [Source.jsonData(signInConfigPath.slice(1), signInConfig)],
      destinationBucket: site,
      prune: false,
      cacheControl: [CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: [signInConfigPath],
    });

    NagSuppressions.addResourceSuppressions(this.distribution, [
      {
        id: 'AwsSolutions-CFR1',
        reason: 'Partners sell in many countries; who may read what is decided by sign-in, not by geography.',
      },
      {
        id: 'AwsSolutions-CFR4',
        reason:
          'The default *.cloudfront.net certificate cannot enforce a minimum TLS version (CloudFront fixes it at TLSv1); with a custom domain and ACM certificate, set minimumProtocolVersion TLSv1.2_2021.',
      },
    ]);
    // The CDK's own deployment function (one per stack) copies the asset into the bucket and invalidates; its
    // custom-resource function reads the web ACL's ARN.
    NagSuppressions.addStackSuppressions(this, [
      {
        id: 'AwsSolutions-L1',
        reason:
          "The runtimes of BucketDeployment's and AwsCustomResource's functions are chosen by aws-cdk-lib, not by this app.",
      },
      {
        id: 'AwsSolutions-IAM4',
        reason:
          "AWSLambdaBasicExecutionRole only allows writing the deployment and parameter-reading functions' own logs.",
        appliesTo: ['Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole'],
      },
      {
        id: 'AwsSolutions-IAM5',
        reason:
          'BucketDeployment reads the CDK asset bucket and syncs every object of the site bucket (S3 object ARNs are wildcards); CloudFront invalidations have no resource-level permissions.',
        appliesTo: [
          'Action::s3:GetObject*',
          'Action::s3:GetBucket*',
          'Action::s3:List*',
          'Action::s3:DeleteObject*',
          'Action::s3:Abort*',
          'Resource::*',
          {
            regex:
              '/^Resource::arn:<AWS::Partition>:s3:::cdk-[a-z0-9]+-assets-<AWS::AccountId>-<AWS::Region>\\/\\*$/g',
          },
          { regex: '/^Resource::<WebSite[A-Z0-9]+\\.Arn>\\/\\*$/g' },
        ],
      },
    ]);

    new CfnOutput(this, 'PortalUrl', {
      description: 'The partner portal and staff console (the API under /api)',
      value: portalUrl,
    });
  }
}
