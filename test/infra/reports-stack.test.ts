import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { reportRoutes } from '../../functions/api/report-routes';
import { stackNames } from '../../infra/stack-names';
import { synthChrmApp } from './synth-app';

let reports: Template;
let stackName: string;

beforeAll(() => {
  const stack = synthChrmApp().apiRoutes.reports;
  if (stack === undefined) throw new Error('no reports route stack');
  stackName = stack.stackName;
  reports = Template.fromStack(stack);
});

describe('reports route stack', () => {
  it('deploys the GET /reports/… routes as a stack of their own, behind the JWT authorizer', () => {
    expect(stackName).toBe(stackNames.apiRoutes.reports);
    const routes = Object.values(reports.findResources('AWS::ApiGatewayV2::Route')) as {
      Properties: { RouteKey: string; AuthorizationType: string };
    }[];
    expect(routes.map((route) => route.Properties.RouteKey).sort()).toEqual(
      reportRoutes.map((route) => `GET ${route.path}`).sort(),
    );
    for (const route of routes) expect(route.Properties.AuthorizationType).toBe('JWT');
  });

  it('lets report functions read the table and never write it', () => {
    const text = JSON.stringify(reports.findResources('AWS::IAM::Policy'));
    expect(text).toContain('dynamodb:Query');
    for (const write of [
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:BatchWriteItem',
    ]) {
      expect(text).not.toContain(write);
    }
  });
});
