import type { Template } from 'aws-cdk-lib/assertions';

/** Every statement of the template's IAM policies, for grants checked by action and resource. */
export const iamStatements = (template: Template) =>
  Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (policy) =>
      (policy as { Properties: { PolicyDocument: { Statement: unknown[] } } }).Properties.PolicyDocument
        .Statement,
  ) as { Action: string | string[]; Resource: unknown }[];
