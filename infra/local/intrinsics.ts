import type { CfnTemplate } from './template';

export const localAccount = '000000000000';
export const localRegion = 'us-east-1';

/**
 * Resolves the CloudFormation intrinsics CDK emits (Ref, Fn::GetAtt, Fn::ImportValue, Fn::Join, Fn::Select,
 * AWS pseudo parameters) to local values: a resource's local name is its logical id (lower-cased for buckets),
 * ARNs are fake but stable, and imports are followed into the exporting template.
 */
export class IntrinsicResolver {
  constructor(private readonly templates: readonly CfnTemplate[]) {}

  resolve(value: unknown, template: CfnTemplate): unknown {
    if (Array.isArray(value)) return value.map((item) => this.resolve(item, template));
    if (value === null || typeof value !== 'object') return value;
    const entries = Object.entries(value);
    const [key, argument] = entries[0] ?? [];
    if (entries.length === 1 && key !== undefined) {
      switch (key) {
        case 'Ref':
          return this.ref(String(argument), template);
        case 'Fn::GetAtt':
          return this.getAtt(argument as [string, string], template);
        case 'Fn::ImportValue':
          return this.importValue(String(this.resolve(argument, template)));
        case 'Fn::Join': {
          const [separator, parts] = argument as [string, unknown[]];
          return parts.map((part) => this.resolve(part, template)).join(separator);
        }
        case 'Fn::Select': {
          const [index, list] = argument as [number, unknown];
          return (this.resolve(list, template) as unknown[])[index];
        }
      }
    }
    return Object.fromEntries(entries.map(([name, inner]) => [name, this.resolve(inner, template)]));
  }

  private ref(name: string, template: CfnTemplate): string {
    const pseudo: Record<string, string> = {
      'AWS::Region': localRegion,
      'AWS::AccountId': localAccount,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': 'local',
    };
    if (pseudo[name]) return pseudo[name];
    const resource = template.Resources[name];
    if (!resource) throw new Error(`Local runtime: Ref to unknown resource ${name}`);
    // Ref of a state machine is its ARN; of other resources, their name.
    if (resource.Type === 'AWS::StepFunctions::StateMachine') {
      return `arn:aws:states:${localRegion}:${localAccount}:stateMachine:${name}`;
    }
    const explicitName = resource.Properties?.Name ?? resource.Properties?.EventBusName;
    if (typeof explicitName === 'string') return explicitName;
    return resource.Type === 'AWS::S3::Bucket' ? name.toLowerCase() : name;
  }

  private getAtt([name, attribute]: [string, string], template: CfnTemplate): string {
    const resource = template.Resources[name];
    if (!resource) throw new Error(`Local runtime: GetAtt of unknown resource ${name}`);
    const service = resource.Type.split('::')[1]?.toLowerCase() ?? 'local';
    const localName = this.ref(name, template);
    if (attribute === 'Arn') {
      return resource.Type === 'AWS::Lambda::Function'
        ? `arn:aws:lambda:${localRegion}:${localAccount}:function:${localName}`
        : `arn:aws:${service}:${localRegion}:${localAccount}:${localName}`;
    }
    return localName;
  }

  private importValue(exportName: string): unknown {
    for (const template of this.templates) {
      for (const output of Object.values(template.Outputs ?? {})) {
        if (output.Export?.Name === exportName) return this.resolve(output.Value, template);
      }
    }
    throw new Error(`Local runtime: no stack exports ${exportName}`);
  }
}

/** The logical id of a Lambda from the local ARN that `IntrinsicResolver` gave it. */
export function functionIdFromArn(arn: string): string {
  return arn.slice(arn.lastIndexOf(':') + 1);
}
