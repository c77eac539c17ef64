import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { addChrmStacks } from '../chrm-app';
import type { CfnTemplate, ChrmTemplates } from './template';

/** The demo's paying account (a valid but fictitious IBAN), so the local bank-file route works. */
const demoPayerAccount = {
  initiatingPartyName: 'ChRM Demo Manufacturing',
  accountHolderName: 'ChRM Demo Manufacturing GmbH',
  iban: 'DE75512108001245126199',
  bic: 'SOGEDEFFXXX',
};

/**
 * Synthesizes the CDK app in-process without bundling (the local runtime runs handlers from source), so the
 * local stack is derived from exactly the resources that deploy to AWS.
 */
export function synthesizeTemplates(addStacks: (app: App) => unknown = addChrmStacks): ChrmTemplates {
  const outdir = mkdtempSync(path.join(tmpdir(), 'chrm-synth-'));
  try {
    const app = new App({
      outdir,
      context: { 'aws:cdk:bundling-stacks': [], 'chrm:payerAccount': demoPayerAccount },
    });
    addStacks(app);
    const assembly = app.synth();
    return Object.fromEntries(
      assembly.stacks.map((stack) => [stack.stackName, stack.template as CfnTemplate]),
    );
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
