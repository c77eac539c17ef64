import { type AslState, type Json, waitForTaskTokenSuffix } from './asl-definition';
import { functionIdFromArn } from './intrinsics';
import type { LocalFunctions } from './local-functions';
import type { TaskTokens } from './task-tokens';

/**
 * What `$$.Task.Token` reads while the runner builds a callback task's Parameters (the runner's context
 * object is the same for every state); the task's handler then puts the real token in its place.
 */
export const taskTokenPlaceholder = 'chrm-local:task-token';

const lambdaCallback = /^arn:[^:]+:states:::lambda:invoke\.waitForTaskToken$/;

/** Refuses a callback task the stand-in cannot run, when the stack starts rather than mid-workflow. */
export function assertEmulatedCallback(stateName: string, state: AslState): void {
  if (state.Resource?.endsWith(waitForTaskTokenSuffix) && !lambdaCallback.test(state.Resource))
    throw new Error(
      `Local runtime: ${stateName} uses ${state.Resource}; only lambda:invoke${waitForTaskTokenSuffix} is emulated`,
    );
}

export const isLambdaCallback = (state: AslState) => lambdaCallback.test(state.Resource ?? '');

function withToken(value: Json, token: string): Json {
  if (typeof value === 'string') return value.replaceAll(taskTokenPlaceholder, token);
  if (Array.isArray(value)) return value.map((item) => withToken(item, token));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, withToken(inner, token)]));
}

export interface CallbackTaskScope {
  readonly tasks: TaskTokens;
  readonly functions: Pick<LocalFunctions, 'invoke'>;
  readonly executionArn: string;
  /** How many times this run of the execution entered each state so far. */
  readonly occurrences: Map<string, number>;
}

/**
 * `lambda:invoke.waitForTaskToken`: invokes the Lambda with the task token in its payload, then waits for
 * SendTaskSuccess (the task's output is the JSON sent) or SendTaskFailure, TimeoutSeconds or HeartbeatSeconds.
 * The task's token and state are in TaskTokens, so a resumed execution finds them again.
 */
export function callbackTaskHandler(scope: CallbackTaskScope, stateName: string, state: AslState) {
  return async (input: Json): Promise<Json> => {
    const occurrence = (scope.occurrences.get(stateName) ?? 0) + 1;
    scope.occurrences.set(stateName, occurrence);
    const record = scope.tasks.open(scope.executionArn, stateName, occurrence);
    const outcome = scope.tasks.outcome(record.token, {
      timeoutSeconds: state.TimeoutSeconds,
      heartbeatSeconds: state.HeartbeatSeconds,
    });
    // It may time out while the Lambda runs; the runner reads it below, this only marks it handled.
    outcome.catch(() => undefined);
    if (record.status === 'waiting' && !record.tokenDelivered) {
      const { FunctionName, Payload } = withToken(input, record.token) as {
        FunctionName: string;
        Payload: Json;
      };
      try {
        await scope.functions.invoke(functionIdFromArn(FunctionName), Payload);
        scope.tasks.markDelivered(record.token);
      } catch (error) {
        scope.tasks.workFailed(record.token, error as Error);
      }
    }
    return outcome;
  };
}
