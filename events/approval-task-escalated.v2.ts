import { z } from 'zod';

/**
 * Published when an approval task waited too long: a reminder to the same role, or an escalation to the
 * next role up. Notification integrations listen.
 *
 * v2 (fund and debit authorization requests joined the inbox): every task names its `subject`; `claimId`
 * is there for a claim's task only. v1 required `claimId`, which a request's task does not have.
 */
export const source = 'chrm.approvals';
export const detailType = 'ApprovalTaskEscalated';
export const version = 2;

export const approvalTaskEscalatedV2 = z.object({
  version: z.literal(version),
  /** What the task decides, and its id (a claim id, a fund request id, a debit authorization number). */
  subject: z.object({
    kind: z.enum(['claim', 'fundRequest', 'debitAuthorizationRequest']),
    id: z.string(),
  }),
  /** The claim of a claim task (the same as `subject.id`), kept for the v1 consumers' field. */
  claimId: z.string().optional(),
  taskId: z.string(),
  kind: z.enum(['remind', 'escalate']),
  level: z.string(),
  /** The role the task waited for, and the one it waits for now (the same for a reminder). */
  fromRole: z.string(),
  toRole: z.string(),
  reminders: z.number().int(),
  occurredAt: z.iso.datetime(),
});
export type ApprovalTaskEscalatedV2 = z.infer<typeof approvalTaskEscalatedV2>;
