import { Stack, type StackProps } from 'aws-cdk-lib';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct } from 'constructs';

/** CloudFront reads web ACLs from us-east-1 only, wherever the rest of the app deploys. */
export const webAclRegion = 'us-east-1';

/** Requests one client IP may send in five minutes before it is blocked for a while. */
const requestsPerIpPerFiveMinutes = 2000;

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

const managedRuleGroup = (
  name: string,
  priority: number,
  ruleActionOverrides?: CfnWebACL.RuleActionOverrideProperty[],
): CfnWebACL.RuleProperty => ({
  name,
  priority,
  overrideAction: { none: {} },
  statement: {
    managedRuleGroupStatement: {
      vendorName: 'AWS',
      name,
      ...(ruleActionOverrides ? { ruleActionOverrides } : {}),
    },
  },
  visibilityConfig: visibility(name),
});

/**
 * The web ACL in front of the portal's CloudFront distribution (and so of the API under /api): AWS's common,
 * known-bad-inputs and IP-reputation rule groups and a per-IP rate limit. It lives in its own us-east-1 stack;
 * the app's other stacks are environment-agnostic, which CDK's cross-region references do not support, so the
 * ACL's ARN is published in an SSM parameter there that the web stack reads at deploy (see WebStack).
 */
export class WebAclStack extends Stack {
  /** The SSM parameter, in `webAclRegion`, that holds the ACL's ARN. */
  readonly arnParameterName = '/chrm/web/web-acl-arn';

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, { ...props, env: { ...props.env, region: webAclRegion } });
    const acl = new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('chrm-web'),
      rules: [
        // The API takes JSON bodies beyond the common set's 8 KB (claims, price lists) and bounds them itself.
        managedRuleGroup('AWSManagedRulesCommonRuleSet', 0, [
          { name: 'SizeRestrictions_BODY', actionToUse: { count: {} } },
        ]),
        managedRuleGroup('AWSManagedRulesKnownBadInputsRuleSet', 1),
        managedRuleGroup('AWSManagedRulesAmazonIpReputationList', 2),
        {
          name: 'RequestsPerIp',
          priority: 3,
          action: { block: {} },
          statement: {
            rateBasedStatement: { limit: requestsPerIpPerFiveMinutes, aggregateKeyType: 'IP' },
          },
          visibilityConfig: visibility('RequestsPerIp'),
        },
      ],
    });
    new StringParameter(this, 'WebAclArn', {
      parameterName: this.arnParameterName,
      description: 'ARN of the web ACL of the ChRM portal distribution',
      stringValue: acl.attrArn,
    });
  }
}
