import { z } from 'zod';
import { requestSubjectRefSchema } from './approval-subject';
import { waitingSchema } from './approval-workflow-state';

/** What a finished wait tells the request workflow: the next level, the end, or wait again (a reminder). */
export const requestStepOutcomes = ['levelApproved', 'decided', 'pending'] as const;

/**
 * The request-approval workflow's state, passed from step to step: the request, who the current wait is
 * for (kept across reminders and escalations), and what the last wait ended with. `next` routes the first
 * choice: `done` when the request was decided before its workflow began (nothing to wait for).
 */
export const requestApprovalStateSchema = z.object({
  subject: requestSubjectRefSchema,
  next: z.enum(['await', 'done']).optional(),
  waiting: waitingSchema.optional(),
  result: z.object({ outcome: z.enum(requestStepOutcomes) }).optional(),
});
export type RequestApprovalState = z.infer<typeof requestApprovalStateSchema>;
