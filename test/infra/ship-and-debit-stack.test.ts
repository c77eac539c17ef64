import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { iamStatements } from './iam-statements';
import { synthChrmApp } from './synth-app';

let shipAndDebit: Template;
let shipAndDebitRoutes: Template;

beforeAll(() => {
  const stacks = synthChrmApp();
  shipAndDebit = Template.fromStack(stacks.shipAndDebit);
  const routeStack = stacks.apiRoutes.shipAndDebit;
  if (routeStack === undefined) throw new Error('no ship & debit route stack');
  shipAndDebitRoutes = Template.fromStack(routeStack);
});

describe('ship & debit stack', () => {
  it('sends completed POS files’ ChannelFileProcessed events from the ChRM bus to the bill-back Lambda, retrying twice', () => {
    shipAndDebit.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: Match.anyValue(),
      EventPattern: {
        source: ['chrm.channel-data'],
        'detail-type': ['ChannelFileProcessed'],
        detail: { kind: ['pos'], status: ['completed', 'completed_with_rejections'] },
      },
      Targets: [Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 2 } })],
    });
    shipAndDebit.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ TABLE_NAME: Match.anyValue(), EVENT_BUS_NAME: Match.anyValue() }),
      },
    });
  });

  it('lets the attachment routes sign PutObject under attachments/ only, and read (list, download) there only', () => {
    const statements = iamStatements(shipAndDebitRoutes);
    const s3 = (prefix: string) =>
      statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith(prefix)));
    const puts = s3('s3:PutObject');
    expect(puts.length).toBe(1);
    expect(JSON.stringify(puts[0]?.Resource)).toContain('/attachments/*');
    const reads = s3('s3:GetObject');
    // The upload route (it counts what was uploaded) and the listing.
    expect(reads.length).toBe(2);
    for (const read of reads) {
      expect(JSON.stringify(read.Resource)).toContain('/attachments/*');
      expect(JSON.stringify(read.Resource)).not.toContain('/evidence/*');
    }
  });
});
