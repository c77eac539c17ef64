import { z } from 'zod';

/**
 * Published when an approval task waited too long: a reminder to the same role, or an escalation to the
 * next role up. Notification integrations listen.
 */
export const source = 'chrm.approvals';
export const detailType = 'ApprovalTaskEscalated';
export const version = 1;

export const approvalTaskEscalatedV1 = z.object({
  version: z.literal(version),
  /** The claim of a claim task; a request's task names its request in `subject` instead. */
  claimId: z.string().optional(),
  /** What the task decides: `claim`, `fundRequest` or `debitAuthorizationRequest`, and its id. */
  subject: z.object({ kind: z.string(), id: z.string() }).optional(),
  taskId: z.string(),
  kind: z.enum(['remind', 'escalate']),
  level: z.string(),
  /** The role the task waited for, and the one it waits for now (the same for a reminder). */
  fromRole: z.string(),
  toRole: z.string(),
  reminders: z.number().int(),
  occurredAt: z.iso.datetime(),
});
export type ApprovalTaskEscalatedV1 = z.infer<typeof approvalTaskEscalatedV1>;
