import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, it } from 'vitest';
import { synthChrmApp } from './synth-app';

let priceProtection: Template;

beforeAll(() => {
  priceProtection = Template.fromStack(synthChrmApp().priceProtection);
});

describe('price protection stack', () => {
  it('sends rejected price protection claims’ ClaimDecided events from the ChRM bus to the reopening Lambda, retrying twice', () => {
    priceProtection.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: Match.anyValue(),
      EventPattern: {
        source: ['chrm.claims'],
        'detail-type': ['ClaimDecided'],
        detail: { outcome: ['rejected'], claimId: [{ prefix: 'CLM-PP' }] },
      },
      Targets: [Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 2 } })],
    });
    priceProtection.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ TABLE_NAME: Match.anyValue(), EVENT_BUS_NAME: Match.anyValue() }),
      },
    });
  });
});
