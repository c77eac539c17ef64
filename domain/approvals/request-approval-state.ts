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

/**
 * The request workflow's task payloads. They carry the state above (roles, levels, the subject), which is
 * domain vocabulary events/ cannot import, so they live here; the CDK builds each task input from them
 * (`taskPayload`) and each handler parses its payload with them.
 */
export const beginRequestApprovalTask = z.object({ subject: requestSubjectRefSchema });
export const openRequestApprovalTask = z.object({
  state: requestApprovalStateSchema,
  taskToken: z.string().min(1),
});
