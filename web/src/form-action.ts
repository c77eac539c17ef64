import type { TargetedSubmitEvent } from 'preact';
import { useState } from 'preact/hooks';
import type { Problem } from './api-types';
import { problemOf } from './components';

export interface FormAction<T> {
  readonly busy: boolean;
  readonly problem?: Problem;
  /** What the last successful send answered. */
  readonly result?: T;
  readonly onSubmit: (event: TargetedSubmitEvent<HTMLFormElement>) => void;
}

/**
 * An action on the API (a button's, a form's): busy while it runs, then done or the API's problem to show.
 * `run` answers whether the action succeeded.
 */
export function useApiAction() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const run = async (action: () => Promise<unknown>): Promise<boolean> => {
    setBusy(true);
    setProblem(undefined);
    try {
      await action();
      return true;
    } catch (error) {
      setProblem(problemOf(error));
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, run };
}

/**
 * A form that sends to the API: busy while sending, then the answer (the form is reset and `onDone` told) or
 * the API's problem to show.
 */
export function useFormAction<T>(
  send: (form: HTMLFormElement) => Promise<T>,
  onDone: () => void,
): FormAction<T> {
  const { busy, problem, run } = useApiAction();
  const [result, setResult] = useState<T | undefined>();
  return {
    busy,
    ...(problem ? { problem } : {}),
    ...(result === undefined ? {} : { result }),
    onSubmit: (event) => {
      event.preventDefault();
      const form = event.currentTarget;
      setResult(undefined);
      void run(async () => {
        setResult(await send(form));
        form.reset();
        onDone();
      });
    },
  };
}
