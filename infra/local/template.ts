import { stackNames } from '../stack-names';

/** The parts of a CloudFormation template the local runtime reads. */
export interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}
export interface CfnTemplate {
  readonly Resources: Record<string, CfnResource>;
  readonly Outputs?: Record<string, { Value: unknown; Export?: { Name: string } }>;
}

/** Every stack's template, by stack name. */
export type ChrmTemplates = Readonly<Record<string, CfnTemplate>>;

/** The data stack's template (table, buckets, bus), which every local service starts from. */
export function dataTemplate(templates: ChrmTemplates): CfnTemplate {
  const template = templates[stackNames.data];
  if (!template) throw new Error(`The app has no ${stackNames.data} stack`);
  return template;
}

/** Resources of one type across all templates, with the template each belongs to (for resolving it). */
export function resourcesAcross(
  templates: ChrmTemplates,
  type: string,
): [CfnTemplate, string, CfnResource][] {
  return Object.values(templates).flatMap((template) =>
    resourcesOfType(template, type).map(([logicalId, resource]): [CfnTemplate, string, CfnResource] => [
      template,
      logicalId,
      resource,
    ]),
  );
}

/** Resources of one CloudFormation type, by logical id. */
export function resourcesOfType(template: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}
