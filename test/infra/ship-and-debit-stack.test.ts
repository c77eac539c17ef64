import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, it } from 'vitest';
import { synthChrmApp } from './synth-app';

let shipAndDebit: Template;

beforeAll(() => {
  shipAndDebit = Template.fromStack(synthChrmApp().shipAndDebit);
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
});
