import { type App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ApiStack } from './stacks/api-stack';
import { DataStack } from './stacks/data-stack';

/** Stack names, shared with the local runtime that reads their templates. */
export const stackNames = { data: 'ChrmData', api: 'ChrmApi' } as const;

/** Adds ChRM's stacks to `app`. */
export function addChrmStacks(app: App) {
  const data = new DataStack(app, stackNames.data, {
    description: 'ChRM stateful resources: table, uploads, events',
  });
  const api = new ApiStack(app, stackNames.api, {
    description: 'ChRM HTTP API and its functions',
    table: data.table,
  });
  return { data, api };
}

/**
 * Runs cdk-nag's AwsSolutions checks at synthesis (`cdk synth` and the infra tests). The local runtime
 * synthesizes without them: it only reads the templates.
 */
export function addNagChecks(app: App): void {
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
}
