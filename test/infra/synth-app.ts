import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
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

/**
 * The HTTP API's stack and its route stacks as one template, for assertions about routes and their functions
 * whichever bounded context's stack holds them (construct ids are unique across them: one per operation).
 */
export function apiTemplate(): Template {
  const { api, apiRoutes } = synthChrmApp();
  const resources = [api, ...Object.values(apiRoutes)].map(
    (stack) => Template.fromStack(stack).toJSON().Resources as Record<string, unknown>,
  );
  return Template.fromJSON({ Resources: Object.assign({}, ...resources) });
}

/** A state's retry, catch and task parameters, as the ASL has them. */
export interface AslState {
  readonly Retry?: Record<string, unknown>[];
  readonly Catch?: Record<string, unknown>[];
  readonly Next?: string;
  readonly Parameters?: { readonly Payload?: Record<string, unknown> };
  readonly ItemProcessor?: { readonly States: Record<string, AslState> };
}

/** The first state machine's ASL in a template, with the CDK's tokens (function ARNs) replaced by placeholders. */
export function stateMachineDefinition(template: Template): { States: Record<string, AslState> } {
  const [machine] = Object.values(template.findResources('AWS::StepFunctions::StateMachine'));
  const body = (machine as { Properties: { DefinitionString: unknown } }).Properties.DefinitionString as
    | string
    | { 'Fn::Join': [string, unknown[]] };
  const text =
    typeof body === 'string'
      ? body
      : body['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : 'TOKEN')).join('');
  return JSON.parse(text);
}

/** The fields a Lambda task's payload sets (`field.$` paths), sorted. */
export const payloadFields = (state: AslState | undefined) =>
  Object.keys(state?.Parameters?.Payload ?? {})
    .map((key) => key.replace(/\.\$$/, ''))
    .sort();
