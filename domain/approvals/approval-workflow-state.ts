import { z } from 'zod';
import { roleSchema } from '../access/actor';
import type { Claim } from '../claims/claim';
import { claimSchema } from '../claims/claim-schema';
import { approvalLevels } from './approval-policy';

/**
 * What a finished wait tells the workflow: the next level (`levelApproved`), the partner (`returned`), back
 * to the decision after an answer (`answered`), settlement (`decided`), or wait again after a reminder or an
 * escalation (`pending`).
 */
export const approvalStepOutcomes = ['levelApproved', 'returned', 'answered', 'decided', 'pending'] as const;
export type ApprovalStepOutcome = (typeof approvalStepOutcomes)[number];

export const approvalStepResultSchema = z.object({ outcome: z.enum(approvalStepOutcomes) });
export type ApprovalStepResult = z.infer<typeof approvalStepResultSchema>;

/** Who the current wait is for: the level, the role that may decide it (after escalations) and its reminders. */
export const waitingSchema = z.object({
  level: z.enum(approvalLevels),
  role: roleSchema,
  reminders: z.number().int().min(0),
});

/**
 * The claim-approval workflow's state, passed from step to step. `next` routes the first choice (`done`:
 * the first step approved, settled and published the claim, so the workflow ends); `result` is what the
 * last wait (or escalation) ended with.
 */
export const approvalWorkflowStateSchema = z.object({
  claimId: z.string().min(1),
  next: z.enum(['await', 'settle', 'done']),
  levels: z.array(z.enum(approvalLevels)),
  waiting: waitingSchema.optional(),
  result: approvalStepResultSchema.optional(),
  /**
   * The claim as the first step stored it when the policy approved it automatically: the settle step
   * starts from it instead of reading it again (the fields settlement uses never change after a decision).
   */
  claim: claimSchema.optional(),
  /** The first step settled that automatic approval in the same write that stored it: nothing left to settle. */
  settled: z.boolean().optional(),
});
export type ApprovalWorkflowState = Omit<z.infer<typeof approvalWorkflowStateSchema>, 'claim'> & {
  readonly claim?: Claim | undefined;
};

/**
 * The claim workflow's task payloads besides the state itself (which the other steps take whole). They carry
 * roles, levels and the claim, domain vocabulary events/ cannot import, so they live here; the CDK builds the
 * task inputs from them (`taskPayload`) and the handlers parse their payloads with them.
 */
export const beginClaimApprovalTask = z.object({ claimId: z.string().min(1) });
export const openApprovalTask = z.object({
  kind: z.enum(['decision', 'partnerAnswer']),
  state: approvalWorkflowStateSchema,
  taskToken: z.string().min(1),
});
