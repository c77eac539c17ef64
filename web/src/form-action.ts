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
 * A form that sends to the API: busy while sending, then the answer (the form is reset and `onDone` told) or
 * the API's problem to show.
 */
export function useFormAction<T>(
  send: (form: HTMLFormElement) => Promise<T>,
  onDone: () => void,
): FormAction<T> {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>();
  const [result, setResult] = useState<T | undefined>();
  const run = async (form: HTMLFormElement) => {
    setBusy(true);
    setProblem(undefined);
    setResult(undefined);
    try {
      setResult(await send(form));
      form.reset();
      onDone();
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setBusy(false);
    }
  };
  return {
    busy,
    ...(problem ? { problem } : {}),
    ...(result === undefined ? {} : { result }),
    onSubmit: (event) => {
      event.preventDefault();
      void run(event.currentTarget);
    },
  };
}
