import { Token } from 'aws-cdk-lib';
import { TaskInput } from 'aws-cdk-lib/aws-stepfunctions';
import type { z } from 'zod';

/** A payload field the definition fixes (e.g. which wait a shared Lambda opens), not read from the state. */
export interface FixedField {
  readonly fixed: string;
}

/**
 * A Lambda task's payload built from its contract (`events/*-tasks.ts`, or the approval workflows' in
 * `domain/approvals/`): every field of the schema, each taken from a JSONPath of the state's input (or fixed
 * by the definition), and no other field — the compiler holds the definition and the handler that parses the
 * payload to the same schema.
 */
export function taskPayload<S extends z.ZodObject>(
  _contract: S,
  fields: { readonly [K in keyof z.input<S>]-?: string | FixedField },
): TaskInput {
  return TaskInput.fromObject(
    Object.fromEntries(
      Object.entries(fields).map(([field, value]: [string, string | FixedField]) =>
        typeof value !== 'string'
          ? [field, value.fixed]
          : // A JsonPath token (e.g. JsonPath.taskToken) renders its own `.$` key.
            [Token.isUnresolved(value) ? field : `${field}.$`, value],
      ),
    ),
  );
}
