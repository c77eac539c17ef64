import { App } from 'aws-cdk-lib';
import { addChrmStacks, addNagChecks } from '../../infra/chrm-app';

/** Synthesizes the ChRM app as `cdk synth` does, but without bundling (bundling has a test of its own). */
export function synthChrmApp() {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stacks = addChrmStacks(app);
  addNagChecks(app);
  app.synth();
  return stacks;
}
