import type { Claim, ClaimStatus } from '../claims/claim';
import type { IsoDate } from '../shared/iso-date';
import { fromMinorUnits, toMinorUnits } from '../shared/money/minor-units';
import type { CurrencyCode } from '../shared/money/money';
import { byText, entryOf } from './report-figures';

/** Claims not yet settled: waiting for validation, a decision, the partner, or a payment. */
export const openClaimStatuses = [
  'submitted',
  'validated',
  'inApproval',
  'returnedToPartner',
  'approved',
  'partiallyApproved',
  'scheduled',
] as const satisfies readonly ClaimStatus[];

/** Days since submission, inclusive bounds; the last bucket is open-ended. */
export const ageBuckets = [
  { bucket: '0-30', upTo: 30 },
  { bucket: '31-60', upTo: 60 },
  { bucket: '61-90', upTo: 90 },
  { bucket: '>90', upTo: Number.POSITIVE_INFINITY },
] as const;
export type AgeBucket = (typeof ageBuckets)[number]['bucket'];

export interface AgeingRow {
  readonly status: ClaimStatus;
  readonly currency: CurrencyCode;
  readonly bucket: AgeBucket;
  readonly claims: number;
  /** Σ of what the claims stand for: the approved amount once decided, else the amount claimed. */
  readonly amount: string;
}

export interface ClaimsAgeingReport {
  readonly asOf: IsoDate;
  /** Sorted by status (in the order of `openClaimStatuses`), currency, bucket. */
  readonly rows: readonly AgeingRow[];
  /** Per currency and bucket, every status together. */
  readonly totals: readonly Omit<AgeingRow, 'status'>[];
}

const dayMs = 86_400_000;

/** Whole days from the claim's submission day to `asOf` (UTC days; a claim submitted today is 0 days old). */
export function ageInDays(submittedAt: string, asOf: IsoDate): number {
  return Math.round((Date.parse(asOf) - Date.parse(submittedAt.slice(0, 10))) / dayMs);
}

function bucketOf(days: number): AgeBucket {
  return (ageBuckets.find((bucket) => days <= bucket.upTo) ?? ageBuckets[3]).bucket;
}

/** Open claims counted and summed by status, currency and age bucket as of a day; settled claims are left out. */
export function claimsAgeing(claims: readonly Claim[], asOf: IsoDate): ClaimsAgeingReport {
  type Sum = { claims: number; amount: bigint };
  const rows = new Map<string, { status: ClaimStatus; currency: CurrencyCode; bucket: AgeBucket } & Sum>();
  const totals = new Map<string, { currency: CurrencyCode; bucket: AgeBucket } & Sum>();
  const statusOrder = (status: ClaimStatus) => (openClaimStatuses as readonly ClaimStatus[]).indexOf(status);
  const bucketOrder = (bucket: AgeBucket) => ageBuckets.findIndex((entry) => entry.bucket === bucket);
  for (const claim of claims) {
    if (statusOrder(claim.status) < 0) continue;
    const bucket = bucketOf(ageInDays(claim.submittedAt, asOf));
    const amount = toMinorUnits(claim.amountApproved ?? claim.amountClaimed, claim.currency);
    const { status, currency } = claim;
    for (const sum of [
      entryOf(rows, [statusOrder(status), currency, bucketOrder(bucket)].join('\u001f'), () => ({
        status,
        currency,
        bucket,
        claims: 0,
        amount: 0n,
      })),
      entryOf(totals, `${currency}\u001f${bucketOrder(bucket)}`, () => ({
        currency,
        bucket,
        claims: 0,
        amount: 0n,
      })),
    ]) {
      sum.claims++;
      sum.amount += amount;
    }
  }
  const shaped = <T extends Sum & { currency: CurrencyCode }>(groups: Map<string, T>) =>
    [...groups.entries()]
      .sort(([a], [b]) => byText(a, b))
      .map(([, group]) => ({ ...group, amount: fromMinorUnits(group.amount, group.currency) }));
  return { asOf, rows: shaped(rows), totals: shaped(totals) };
}
