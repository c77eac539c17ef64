import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { addChrmStacks, stackNames } from '../chrm-app';

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

export interface ChrmTemplates {
  readonly data: CfnTemplate;
  readonly api: CfnTemplate;
}

/**
 * Synthesizes the CDK app in-process without bundling (the local runtime runs handlers from source), so the
 * local stack is derived from exactly the resources that deploy to AWS.
 */
export function synthesizeTemplates(addStacks: (app: App) => unknown = addChrmStacks): ChrmTemplates {
  const outdir = mkdtempSync(path.join(tmpdir(), 'chrm-synth-'));
  try {
    const app = new App({ outdir, context: { 'aws:cdk:bundling-stacks': [] } });
    addStacks(app);
    const assembly = app.synth();
    return {
      data: assembly.getStackByName(stackNames.data).template as CfnTemplate,
      api: assembly.getStackByName(stackNames.api).template as CfnTemplate,
    };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Resources of one CloudFormation type, by logical id. */
export function resourcesOfType(template: CfnTemplate, type: string): [string, CfnResource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}
