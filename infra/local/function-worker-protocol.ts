import type { ContextSource } from './lambda-context';

/** One invocation posted to a function worker: the handler's module, its context's data and the event. */
export interface Invocation {
  readonly id: number;
  readonly fn: ContextSource & { readonly entry: string };
  readonly event: unknown;
}

/** A thrown error as plain data: what a thread boundary keeps of it (a class is not cloned, its fields are). */
export interface ThrownError {
  readonly name: string;
  readonly message: string;
  readonly stack: string | undefined;
  readonly fields: Record<string, unknown>;
}

/** What a function worker posts back for one invocation: the handler's result, or what it threw. */
export type Outcome =
  | { readonly id: number; readonly result: unknown }
  | { readonly id: number; readonly error: ThrownError };

const cloneable = (value: unknown) => {
  try {
    structuredClone(value);
    return true;
  } catch {
    return false;
  }
};

export function thrownError(error: unknown): ThrownError {
  if (!(error instanceof Error))
    return { name: 'Error', message: String(error), stack: undefined, fields: {} };
  const fields = Object.fromEntries(Object.entries(error).filter(([, value]) => cloneable(value)));
  return { name: error.name, message: error.message, stack: error.stack, fields };
}

/** The error again on this side, with the name, message, stack and (cloneable) fields the handler's had. */
export function rethrown(thrown: ThrownError): Error {
  return Object.assign(new Error(thrown.message), thrown.fields, { name: thrown.name, stack: thrown.stack });
}
