import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { webContentSecurityPolicy } from '../../web/security-headers';
import { synthChrmApp } from './synth-app';

let template: Template;

beforeAll(() => {
  template = Template.fromStack(synthChrmApp().web);
});

/** CloudFront's managed policies, by their documented ids. */
const managedCachingDisabled = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
const managedAllViewerExceptHostHeader = 'b689b0a8-53d0-40ab-baf2-68738e2966ac';

const logicalIdOf = (type: string) => Object.keys(template.findResources(type))[0] ?? type;
const distributionId = () => logicalIdOf('AWS::CloudFront::Distribution');
const portalClientId = () => logicalIdOf('AWS::Cognito::UserPoolClient');

type ViewerRequest = { request: { uri: string } };

const [beforeUploads, afterUploads = ''] = webContentSecurityPolicy('UPLOADS', 'SIGNIN').split('UPLOADS');
const afterSignIn = afterUploads.split('SIGNIN')[1];

describe('web stack', () => {
  it('keeps the site bucket private: only the distribution reads it, through origin access control', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.objectLike({ LogFilePrefix: 'site-bucket/' }),
    });
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', Compress: true }),
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
      }),
    });
  });

  it('puts the API behind the same distribution under /api/*: never cached, the viewer token passed on', () => {
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        CacheBehaviors: [
          Match.objectLike({
            PathPattern: '/api/*',
            AllowedMethods: Match.arrayWith(['PUT', 'POST', 'DELETE']),
            CachePolicyId: managedCachingDisabled,
            OriginRequestPolicyId: managedAllViewerExceptHostHeader,
            ViewerProtocolPolicy: 'https-only',
            FunctionAssociations: [Match.objectLike({ EventType: 'viewer-request' })],
          }),
        ],
      }),
    });
  });

  it('strips /api before the HTTP API routes the request: /api/partners/P1/checkbook → /partners/P1/checkbook', () => {
    const [cloudFrontFunction] = Object.values(template.findResources('AWS::CloudFront::Function')) as {
      Properties: { FunctionCode: string };
    }[];
    const handler = new Function(`${cloudFrontFunction?.Properties.FunctionCode}; return handler;`)() as (
      event: ViewerRequest,
    ) => ViewerRequest['request'];
    expect(handler({ request: { uri: '/api/partners/P1/checkbook' } }).uri).toBe('/partners/P1/checkbook');
    expect(handler({ request: { uri: '/api/claims/CLM-K1%2F2' } }).uri).toBe('/claims/CLM-K1%2F2');
    expect(handler({ request: { uri: '/api' } }).uri).toBe('/');
  });

  it('sends the same security headers as the local gateway: CSP of this origin, the uploads bucket and the hosted UI only, no framing, HSTS', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({
          ContentSecurityPolicy: {
            ContentSecurityPolicy: {
              // The uploads bucket's regional domain is imported from the data stack, the hosted UI's prefix from
              // the API stack (the portal POSTs the authorization code to its token endpoint).
              'Fn::Join': [
                '',
                [
                  `${beforeUploads}https://`,
                  Match.anyValue(),
                  ' https://',
                  Match.anyValue(),
                  '.auth.',
                  { Ref: 'AWS::Region' },
                  `.amazoncognito.com${afterSignIn}`,
                ],
              ],
            },
            Override: true,
          },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          StrictTransportSecurity: Match.objectLike({ Override: true }),
        }),
      }),
    });
  });

  it('deploys hashed assets as immutable and index.html revalidated, invalidated on every deploy', () => {
    const deployments = Object.values(template.findResources('Custom::CDKBucketDeployment')) as {
      Properties: Record<string, unknown>;
    }[];
    expect(deployments).toHaveLength(3);
    const index = deployments.find((deployment) => deployment.Properties.Include !== undefined);
    expect(index?.Properties).toMatchObject({
      Include: ['index.html'],
      Prune: false,
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionPaths: ['/', '/index.html'],
    });
    const assets = deployments.find(
      (deployment) => deployment.Properties.Exclude?.toString() === 'index.html',
    );
    expect(assets?.Properties).toMatchObject({
      Exclude: ['index.html'],
      Prune: false,
      SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' },
    });
  });

  it('has a public portal client for the hosted UI: code grant only, no secret, OpenID scopes, back to the portal', () => {
    const portalUrl = {
      'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId(), 'DomainName'] }, '/']],
    };
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      GenerateSecret: false,
      CallbackURLs: [portalUrl],
      LogoutURLs: [portalUrl],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
    });
    Template.fromStack(synthChrmApp().api).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: { 'Fn::Join': ['', ['chrm-', { Ref: 'AWS::AccountId' }]] },
    });
  });

  it("has the API's JWT authorizer accept ID tokens of both the API client and the portal client", () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [
          { 'Fn::ImportValue': Match.stringLikeRegexp('UserDirectoryUsersApiClient') },
          { Ref: portalClientId() },
        ],
        Issuer: Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith(['.amazonaws.com/'])]) }),
      },
    });
  });

  it('deploys config.json next to index.html with the hosted UI and portal client, revalidated and invalidated', () => {
    template.hasResourceProperties('Custom::CDKBucketDeployment', {
      DistributionPaths: ['/config.json'],
      SystemMetadata: { 'cache-control': 'no-cache' },
      Prune: false,
      SourceMarkers: [
        Match.objectLike({
          '<<marker:0xbaba:0>>': { 'Fn::ImportValue': Match.stringLikeRegexp('UserDirectoryUsersHostedUi') },
          '<<marker:0xbaba:2>>': { Ref: portalClientId() },
        }),
      ],
    });
  });

  it('guards the distribution with a us-east-1 web ACL: AWS common, known-bad-inputs and IP-reputation rules, a per-IP rate limit', () => {
    const { webAcl } = synthChrmApp();
    expect(webAcl.region).toBe('us-east-1');
    const acl = Template.fromStack(webAcl);
    const managed = (name: string) =>
      Match.objectLike({
        Name: name,
        OverrideAction: { None: {} },
        Statement: { ManagedRuleGroupStatement: Match.objectLike({ VendorName: 'AWS', Name: name }) },
      });
    acl.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
      Rules: [
        managed('AWSManagedRulesCommonRuleSet'),
        managed('AWSManagedRulesKnownBadInputsRuleSet'),
        managed('AWSManagedRulesAmazonIpReputationList'),
        Match.objectLike({
          Action: { Block: {} },
          Statement: { RateBasedStatement: { Limit: 2000, AggregateKeyType: 'IP' } },
        }),
      ],
    });
    const [aclId] = Object.keys(acl.findResources('AWS::WAFv2::WebACL'));
    acl.hasResourceProperties('AWS::SSM::Parameter', {
      Name: webAcl.arnParameterName,
      Value: { 'Fn::GetAtt': [aclId, 'Arn'] },
    });
    // The web stack reads that parameter in us-east-1 and hands the ARN to the distribution.
    const [readerId, reader] = Object.entries(template.findResources('Custom::AWS'))[0] as [
      string,
      { Properties: { Create: string } },
    ];
    expect(JSON.parse(reader.Properties.Create)).toMatchObject({
      service: 'SSM',
      action: 'GetParameter',
      parameters: { Name: webAcl.arnParameterName },
      region: 'us-east-1',
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ WebACLId: { 'Fn::GetAtt': [readerId, 'Parameter.Value'] } }),
    });
  });

  it('leaves the HTTP API without CORS: a browser reaches it with a token only through the portal origin', () => {
    const api = Template.fromStack(synthChrmApp().api);
    api.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
  });
});
