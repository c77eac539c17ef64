import { z } from 'zod';

/** Published on the ChRM bus when an accrual run has posted every program. Finance integrations listen. */
export const source = 'chrm.accruals';
export const detailType = 'AccrualRunCompleted';
export const version = 1;

const amountsByCurrency = z.record(z.string(), z.string());

export const accrualRunCompletedV1 = z.object({
  version: z.literal(version),
  runId: z.string(),
  trigger: z.enum(['schedule', 'api']),
  period: z.object({ start: z.iso.date(), end: z.iso.date() }),
  accountingDate: z.iso.date(),
  programs: z.number().int().nonnegative(),
  lines: z.number().int().nonnegative(),
  postings: z.number().int().nonnegative(),
  /** Net change of earned the run posted, per currency. */
  posted: amountsByCurrency,
  occurredAt: z.iso.datetime(),
});
export type AccrualRunCompletedV1 = z.infer<typeof accrualRunCompletedV1>;
