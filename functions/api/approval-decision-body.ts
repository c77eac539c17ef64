import { z } from 'zod';
import { approvalDecisionSchema } from '../../domain/approvals/approval-decision';
import { fundRequestDecisionSchema } from '../../domain/funds/fund-request-use-cases';
import { debitAuthorizationDecisionSchema } from '../../domain/ship-and-debit/debit-authorization-requests';

/**
 * A decision of the approvals inbox, by the subject of the task: a claim's, a fund request's or a debit
 * authorization request's (the OpenAPI document shows the three).
 */
export const taskDecisionSchema = z
  .union([approvalDecisionSchema, fundRequestDecisionSchema, debitAuthorizationDecisionSchema])
  .describe(
    'The decision, by the task’s `subject.kind`: a claim’s (approve, approvePartial, reject with reasonCode, returnToPartner), a fund request’s (approve with an optional lower amount, reject with reason) or a debit authorization request’s (approve with optional other lines and dates, reject with comment)',
  );

/**
 * The body as sent, once it is one of the three decisions (400 before the task is read); the task's subject
 * then parses it with its own schema, so no field of another kind's decision is stripped or mistaken.
 */
export const taskDecisionBodySchema = z.unknown().superRefine((value, context) => {
  const parsed = taskDecisionSchema.safeParse(value);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  }
});
