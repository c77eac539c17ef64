import type { Deduction } from './deduction';
import { ageInDays } from './match-deduction';

/** The aging report's buckets, in days open. */
export const agingBuckets = ['0-30', '31-60', '61-90', '>90'] as const;
export type AgingBucket = (typeof agingBuckets)[number];

export function agingBucketOf(days: number): AgingBucket {
  if (days <= 30) return '0-30';
  if (days <= 60) return '31-60';
  if (days <= 90) return '61-90';
  return '>90';
}

/** A deduction as the aging report lists it: how long it has been open on `today` and in which bucket. */
export interface AgedDeduction extends Deduction {
  readonly ageInDays: number;
  readonly agingBucket: AgingBucket;
}

export function aged(deduction: Deduction, today: string): AgedDeduction {
  const days = ageInDays(deduction, today);
  return { ...deduction, ageInDays: days, agingBucket: agingBucketOf(days) };
}
