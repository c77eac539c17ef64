import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { synthChrmApp } from './synth-app';

let operations: Template;

beforeAll(() => {
  operations = Template.fromStack(synthChrmApp().operations);
});

describe('operations stack', () => {
  it('has the read-model backfill an operator invokes: 15 minutes, the table name, its name as an output, no trigger', () => {
    operations.hasResourceProperties('AWS::Lambda::Function', {
      Timeout: 900,
      Environment: { Variables: Match.objectLike({ TABLE_NAME: Match.anyValue() }) },
    });
    operations.hasOutput('*', { Value: { Ref: Match.stringLikeRegexp('^BackfillReadModels') } });
    operations.resourceCountIs('AWS::Events::Rule', 0);
    operations.resourceCountIs('AWS::Lambda::EventSourceMapping', 0);
  });

  it('lets it scan and write the table (TransactWriteItems needs no action of its own)', () => {
    const statements = Object.values(operations.findResources('AWS::IAM::Policy')).flatMap(
      (policy) =>
        (policy as { Properties: { PolicyDocument: { Statement: { Action: string | string[] }[] } } })
          .Properties.PolicyDocument.Statement,
    );
    const actions = statements.flatMap((statement) => [statement.Action].flat());
    expect(actions).toEqual(
      expect.arrayContaining(['dynamodb:Scan', 'dynamodb:UpdateItem', 'dynamodb:PutItem']),
    );
  });
});
