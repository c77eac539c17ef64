import { z } from 'zod';
import type { Claim } from '../claims/claim';
import { isLedgerAmount, toMinorUnits } from '../shared/money/minor-units';
import { type CurrencyCode, currencyCodeSchema } from '../shared/money/money';

/**
 * The levels a claim can need, in signing order: an approver first, then finance. Each level is decided by
 * a user of that role (or an admin), never by the same person as another level.
 */
export const approvalLevels = ['approver', 'finance'] as const;
export type ApprovalLevel = (typeof approvalLevels)[number];

/**
 * One currency's thresholds, decimal strings with the currency's minor units: a claim below
 * `autoApproveBelow` is approved by the system; up to `singleApproverUpTo` (inclusive) one approver signs;
 * above it an approver and then finance sign.
 */
export interface CurrencyThresholds {
  readonly autoApproveBelow: string;
  readonly singleApproverUpTo: string;
}

/**
 * When a waiting task escalates: each time it waits a reminder interval (the workflow's, 24 h) without a
 * decision a reminder goes out; after `remindersBeforeEscalation` reminders the task moves to the next role
 * up (approver → finance → admin).
 */
export interface EscalationPolicy {
  readonly remindersBeforeEscalation: number;
}

/**
 * Approval policy as data: thresholds per currency. A currency without thresholds gets the strictest
 * treatment (approver then finance), so a gap in the policy never lets money out unsigned.
 */
export interface ApprovalPolicy {
  readonly thresholds: Partial<Record<CurrencyCode, CurrencyThresholds>>;
  readonly escalation: EscalationPolicy;
}

const thresholdsSchema = z.object({
  autoApproveBelow: z.string().describe('Below this amount the system approves'),
  singleApproverUpTo: z
    .string()
    .describe('Up to this amount (inclusive) one approver signs; above, finance too'),
});

/** Thresholds must be amounts of their currency and ascending: auto-approve ≤ single-approver ceiling. */
export const approvalPolicySchema = z
  .object({
    thresholds: z
      .partialRecord(currencyCodeSchema, thresholdsSchema)
      .describe('Per ISO 4217 currency; amounts with exactly the currency’s minor units'),
    escalation: z
      .object({
        remindersBeforeEscalation: z
          .number()
          .int()
          .min(0)
          .max(10)
          .describe('Reminders before the task moves one role up (approver → finance → admin)'),
      })
      .describe('When a waiting task is reminded or escalated'),
  })
  .superRefine((policy, context) => {
    for (const [currency, limits] of Object.entries(policy.thresholds) as [
      CurrencyCode,
      CurrencyThresholds,
    ][]) {
      const bad = (field: keyof CurrencyThresholds, message: string) =>
        context.addIssue({ code: 'custom', path: ['thresholds', currency, field], message });
      const valid = (field: keyof CurrencyThresholds) => {
        const ok = isLedgerAmount(limits[field], currency) && !limits[field].startsWith('-');
        if (!ok) bad(field, `must be a non-negative ${currency} amount with the currency's minor units`);
        return ok;
      };
      const lowOk = valid('autoApproveBelow');
      const highOk = valid('singleApproverUpTo');
      if (
        lowOk &&
        highOk &&
        toMinorUnits(limits.singleApproverUpTo, currency) < toMinorUnits(limits.autoApproveBelow, currency)
      ) {
        bad('singleApproverUpTo', 'must not be below autoApproveBelow (thresholds ascend)');
      }
    }
  });

/**
 * The policy in force while an admin has stored none: every claim needs a person (nothing is auto-approved
 * by default: money leaves only when someone chose a threshold); up to 10,000 (1,000,000 JPY) one approver,
 * above that an approver then finance. Escalation after two reminders.
 */
export const defaultApprovalPolicy: ApprovalPolicy = {
  thresholds: Object.fromEntries(
    currencyCodeSchema.options.map((currency) => [
      currency,
      currency === 'JPY'
        ? { autoApproveBelow: '0', singleApproverUpTo: '1000000' }
        : { autoApproveBelow: '0.00', singleApproverUpTo: '10000.00' },
    ]),
  ),
  escalation: { remindersBeforeEscalation: 2 },
};

/**
 * The levels `claim` must pass, in order: none below the auto-approve threshold (unless the claim requires
 * review by a person: then at least an approver), `approver` up to the single-approver ceiling, `approver`
 * then `finance` above it.
 */
export function requiredLevels(
  policy: ApprovalPolicy,
  claim: Pick<Claim, 'amountClaimed' | 'currency' | 'reviewRequired'>,
): ApprovalLevel[] {
  const limits = policy.thresholds[claim.currency];
  if (limits === undefined) return [...approvalLevels];
  const amount = toMinorUnits(claim.amountClaimed, claim.currency);
  const needsPerson = (claim.reviewRequired?.length ?? 0) > 0;
  if (amount < toMinorUnits(limits.autoApproveBelow, claim.currency) && !needsPerson) return [];
  if (amount <= toMinorUnits(limits.singleApproverUpTo, claim.currency)) return ['approver'];
  return ['approver', 'finance'];
}
