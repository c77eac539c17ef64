import { StateMachine } from 'aws-local-stepfunctions';

// aws-local-stepfunctions uses Promise.withResolvers, which Node 20 lacks.
if (!('withResolvers' in Promise)) {
  Object.assign(Promise, {
    withResolvers<T>() {
      let resolve!: (value: T) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((onResolve, onReject) => {
        resolve = onResolve;
        reject = onReject;
      });
      return { promise, resolve, reject };
    },
  });
}

export { StateMachine };

let timeoutErrorClass: Promise<new () => Error> | undefined;

/**
 * A `States.Timeout` error the library's Retry and Catch treat as their own. They decide whether
 * `States.TaskFailed` matches an error with `instanceof` on a class the library does not export (on AWS,
 * `States.TaskFailed` matches every task error except `States.Timeout`), so a look-alike error would be
 * caught by `States.TaskFailed`. The class is taken once from a 1 ms task timeout of a one-state machine.
 */
export async function statesTimeoutError(): Promise<Error> {
  timeoutErrorClass ??= new StateMachine(
    {
      StartAt: 'Wait',
      States: { Wait: { Type: 'Task', Resource: 'local', TimeoutSeconds: 0.001, End: true } },
    },
    { validationOptions: { noValidate: true } },
  )
    .run({}, { overrides: { taskResourceLocalHandlers: { Wait: () => new Promise(() => undefined) } } })
    .result.then(
      () => {
        throw new Error('aws-local-stepfunctions did not time the task out');
      },
      (error: { cause?: Error }) => {
        if (error.cause?.name !== 'States.Timeout') throw error;
        return error.cause.constructor as new () => Error;
      },
    );
  return new (await timeoutErrorClass)();
}
