import { TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import type { z } from 'zod';

/**
 * A Lambda task's payload built from its contract (`events/*-tasks.ts`): every field of the schema, each
 * taken from a JSONPath of the state's input, and no other field — the compiler holds the definition and the
 * handler that parses the payload to the same schema.
 */
export function taskPayload<S extends z.ZodObject>(
  _contract: S,
  paths: { readonly [K in keyof z.input<S>]-?: string },
): TaskInput {
  return TaskInput.fromObject(
    Object.fromEntries(Object.entries(paths).map(([field, path]) => [`${field}.$`, path])),
  );
}
