import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { iamStatements } from './iam-statements';
import { synthChrmApp } from './synth-app';

let funds: Template;
let fundRoutes: Template;

beforeAll(() => {
  const stacks = synthChrmApp();
  funds = Template.fromStack(stacks.funds);
  const routeStack = stacks.apiRoutes.funds;
  if (routeStack === undefined) throw new Error('no funds route stack');
  fundRoutes = Template.fromStack(routeStack);
});

describe('funds stacks', () => {
  it('runs the expiry Lambda daily at 00:15 UTC with the time it fired, retrying twice', () => {
    funds.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(15 0 * * ? *)',
      Targets: [
        Match.objectLike({
          InputTransformer: { InputPathsMap: { time: '$.time' }, InputTemplate: '{"scheduledAt":<time>}' },
          RetryPolicy: { MaximumRetryAttempts: 2 },
        }),
      ],
    });
    funds.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ TABLE_NAME: Match.anyValue(), UPLOADS_BUCKET: Match.anyValue() }),
      },
    });
  });

  it('lets evidence routes sign PutObject under evidence/ only, and read what was uploaded there', () => {
    const statements = iamStatements(fundRoutes);
    const puts = statements.filter((statement) => [statement.Action].flat().includes('s3:PutObject'));
    expect(puts.length).toBe(1);
    expect(JSON.stringify(puts[0]?.Resource)).toContain('/evidence/*');
    expect(JSON.stringify(puts[0]?.Resource)).not.toContain('/uploads/*');
    const reads = statements.filter((statement) =>
      [statement.Action].flat().some((action) => action.startsWith('s3:GetObject')),
    );
    expect(reads.length).toBe(1);
    expect(JSON.stringify(reads[0]?.Resource)).toContain('/evidence/*');
  });
});
