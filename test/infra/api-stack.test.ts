import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../../functions/api/routes';
import { entryMetadataKey } from '../../infra/constructs/chrm-function';
import { apiTemplate } from './synth-app';

let template: Template;

beforeAll(() => {
  template = apiTemplate();
});

type Resource = { Properties: Record<string, unknown>; Metadata?: Record<string, unknown> };

describe('API stack', () => {
  it('routes every entry of the route table, with the JWT authorizer on all but health', () => {
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')) as Resource[];
    expect(routes.map((route) => route.Properties.RouteKey).sort()).toEqual(
      apiRoutes.map((route) => `${route.method} ${route.path}`).sort(),
    );
    for (const route of routes) {
      const expected = route.Properties.RouteKey === 'GET /health' ? 'NONE' : 'JWT';
      expect(route.Properties.AuthorizationType, String(route.Properties.RouteKey)).toBe(expected);
      // The authorizer itself lives in the web stack, next to the portal client it accepts (web-stack.test.ts).
      if (expected === 'JWT') {
        expect(route.Properties.AuthorizerId, String(route.Properties.RouteKey)).toEqual({
          'Fn::ImportValue': expect.stringMatching(/^ChrmWeb:.*CognitoJwt/),
        });
      }
    }
  });

  it('builds every API function with the same defaults and names its source for the local runtime', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function')) as Resource[];
    const entries = functions.map((fn) => fn.Metadata?.[entryMetadataKey]);
    for (const route of apiRoutes) expect(entries).toContain(route.entry);
    for (const fn of functions.filter((candidate) => candidate.Metadata?.[entryMetadataKey])) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
      });
    }
  });

  it('gives read-only routes no write permission on the table', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')) as Resource[];
    const getPartnerPolicy = policies.find((policy) =>
      JSON.stringify(policy).includes('GetPartnerFunctionServiceRole'),
    );
    expect(getPartnerPolicy).toBeDefined();
    const text = JSON.stringify(getPartnerPolicy);
    expect(text).toContain('dynamodb:GetItem');
    expect(text).not.toContain('dynamodb:PutItem');
    expect(text).not.toContain('dynamodb:DeleteItem');
  });

  it('keeps access logs and log groups with a bounded retention', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', { AccessLogSettings: {} });
    const logGroups = Object.values(template.findResources('AWS::Logs::LogGroup')) as Resource[];
    expect(logGroups.length).toBeGreaterThan(apiRoutes.length);
    for (const group of logGroups) expect(group.Properties.RetentionInDays).toBe(90);
  });

  it('lets no user write their own role or partner', () => {
    const clients = Object.values(template.findResources('AWS::Cognito::UserPoolClient')) as Resource[];
    expect(clients).toHaveLength(1);
    expect(clients[0]?.Properties.WriteAttributes).toEqual(['name']);
    template.hasResourceProperties('AWS::Cognito::UserPool', { MfaConfiguration: 'ON' });
  });
});
