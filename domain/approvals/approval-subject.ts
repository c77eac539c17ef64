import { z } from 'zod';
import { ValidationError } from '../shared/errors';

/** What an approval task decides: a claim, or a request that asks for a promise before any money moves. */
export const approvalSubjectKinds = ['claim', 'fundRequest', 'debitAuthorizationRequest'] as const;
export type ApprovalSubjectKind = (typeof approvalSubjectKinds)[number];

/** The subjects the generic request-approval workflow decides (claims have their own, with settlement). */
export const requestSubjectKinds = ['fundRequest', 'debitAuthorizationRequest'] as const;
export type RequestSubjectKind = (typeof requestSubjectKinds)[number];

/** Which request a workflow execution approves: its kind and id. */
export const requestSubjectRefSchema = z.object({
  kind: z.enum(requestSubjectKinds),
  id: z.string().min(1),
});
export type RequestSubjectRef = z.infer<typeof requestSubjectRefSchema>;

/**
 * What an inbox says is decided, copied onto the task when it opens: the kind and id, the partner, the amount
 * at stake when there is one (a debit authorization's exposure depends on later claims: none), a summary.
 */
export interface ApprovalSubject {
  readonly kind: ApprovalSubjectKind;
  readonly id: string;
  readonly partnerId: string;
  readonly currency: string;
  readonly amount?: string;
  readonly summary: string;
}

/** `raw` parsed with the decision schema of a subject kind; a bad body is a 400 naming the field. */
export function parseDecision<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new ValidationError(
    'The decision is invalid for this task',
    parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  );
}
