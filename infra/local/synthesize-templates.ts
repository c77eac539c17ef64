import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { addChrmStacks } from '../chrm-app';
import type { CfnTemplate, ChrmTemplates } from './template';

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
    return Object.fromEntries(
      assembly.stacks.map((stack) => [stack.stackName, stack.template as CfnTemplate]),
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
