import { App } from 'aws-cdk-lib';
import { addChrmStacks, addNagChecks } from '../../infra/chrm-app';

let synthesized: ReturnType<typeof addChrmStacks> | undefined;

/**
 * The ChRM app synthesized as `cdk synth` does, but without bundling (bundling has a test of its own).
 * Synthesized once per worker: the infra project runs its files in one worker without isolation, so every
 * infra test file reads the same stacks instead of paying ~7 s of synthesis again. Tests only read them.
 */
export function synthChrmApp() {
  if (synthesized === undefined) {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    synthesized = addChrmStacks(app);
    addNagChecks(app);
    app.synth();
  }
  return synthesized;
}
