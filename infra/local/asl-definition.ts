export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type AslState = {
  Type: string;
  Resource?: string;
  Parameters?: Record<string, Json>;
  TimeoutSeconds?: number;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number;
  HeartbeatSecondsPath?: string;
  [key: string]: unknown;
};

export interface AslDefinition {
  States: Record<string, AslState>;
  [key: string]: unknown;
}

/** The callback pattern: the task starts its work, then waits for SendTaskSuccess/Failure with its token. */
export const waitForTaskTokenSuffix = '.waitForTaskToken';

/** The longest timer Node keeps (2^31 - 1 ms, ~24.8 days); a longer setTimeout fires at once. */
export const longestTimerMs = 2 ** 31 - 1;
const longestTimerSeconds = Math.floor(longestTimerMs / 1000);

/** Every Task state of a definition, including those nested in Map and Parallel states. */
export function taskStates(definition: AslDefinition): [string, AslState][] {
  return Object.entries(definition.States).flatMap(([name, state]): [string, AslState][] => {
    const nested = [
      ...((state.Branches as AslDefinition[] | undefined) ?? []),
      ...[state.ItemProcessor, state.Iterator].filter((inner): inner is AslDefinition => inner !== undefined),
    ];
    return [
      ...(state.Type === 'Task' ? [[name, state] as [string, AslState]] : []),
      ...nested.flatMap(taskStates),
    ];
  });
}

/**
 * The definition as aws-local-stepfunctions should run it. The library times out every Task after 60 s
 * unless it says otherwise, where AWS lets a task run until its own TimeoutSeconds (or the Lambda's
 * timeout): tasks without one get the longest timer instead. Callback tasks keep their timeout and heartbeat
 * to the stand-in, which counts them from when the task started, across restarts (see TaskTokens). An
 * execution timeout beyond the longest timer is cut to it (~24 days in one process).
 */
export function runnerDefinition(definition: AslDefinition): AslDefinition {
  const copy = structuredClone(definition);
  // A longer execution timeout (a 90-day approval) would overflow the library's timer and end it at once.
  if (typeof copy.TimeoutSeconds === 'number')
    copy.TimeoutSeconds = Math.min(copy.TimeoutSeconds, longestTimerSeconds);
  for (const [name, state] of taskStates(copy)) {
    if (state.Resource?.endsWith(waitForTaskTokenSuffix)) {
      if (state.TimeoutSecondsPath !== undefined || state.HeartbeatSecondsPath !== undefined)
        throw new Error(
          `Local runtime: ${name} sets TimeoutSecondsPath or HeartbeatSecondsPath, which the stand-in does not emulate for callback tasks`,
        );
      delete state.HeartbeatSeconds;
      state.TimeoutSeconds = longestTimerSeconds;
    } else if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) {
      state.TimeoutSeconds = longestTimerSeconds;
    }
  }
  return copy;
}
