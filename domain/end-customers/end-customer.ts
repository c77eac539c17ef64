import { z } from 'zod';
import { businessCodeSchema, countryCodeSchema, nameSchema } from '../shared/codes';
import { type IsoDate, isoDateSchema } from '../shared/iso-date';
import type { Stored } from '../shared/ports';

/**
 * An end customer of the manufacturer: whom partners resell to, under the id the manufacturer gave it (as POS
 * lines' `end_customer_id` and ship & debit claim lines name it). Its segment decides which segment blanket
 * authorizations cover resales to it; a reclassification takes effect from a date, so a resale shipped before
 * it is still judged by the segment it had then.
 */

/** A segment the end customer belongs to from `effectiveFrom` on (absent: from the beginning). */
export const segmentPeriodSchema = z.object({
  segment: businessCodeSchema.describe('Segment code, e.g. EDU, HEALTHCARE, GOV'),
  effectiveFrom: isoDateSchema
    .optional()
    .describe('First ship date in this segment; absent on the first period: every earlier date too'),
});
export type SegmentPeriod = z.infer<typeof segmentPeriodSchema>;

const webDomainSchema = z
  .string()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a domain name, e.g. example.edu',
  );

const commonShape = {
  name: nameSchema.describe('End customer name'),
  country: countryCodeSchema.describe('ISO 3166-1 alpha-2 country, e.g. US'),
  segment: businessCodeSchema.describe('Segment code, e.g. EDU, HEALTHCARE, GOV; segment blankets cover it'),
  taxId: z.string().trim().min(1).max(40).optional().describe('Tax id (VAT, EIN, …)'),
  webDomain: webDomainSchema.optional().describe('Web domain, e.g. example.edu'),
  status: z
    .enum(['active', 'inactive'])
    .default('active')
    .describe('`inactive` end customers keep their segment history: earlier resales are still judged by it'),
};

/** What a create or update sends: the record's fields and, optionally, from when its segment holds. */
export const endCustomerDetailsSchema = z.object({
  ...commonShape,
  segmentEffectiveFrom: isoDateSchema
    .optional()
    .describe(
      'First ship date `segment` applies to (periods from that date on are replaced). Absent: on creation, ' +
        'every date; on an update, today if the segment changed, else the history stays',
    ),
});
export type EndCustomerDetails = z.infer<typeof endCustomerDetailsSchema>;

export const endCustomerIdSchema = businessCodeSchema.describe(
  "The manufacturer's end-customer id, as POS lines and claim lines name it",
);

export const newEndCustomerSchema = endCustomerDetailsSchema.extend({ endCustomerId: endCustomerIdSchema });
export type NewEndCustomer = z.infer<typeof newEndCustomerSchema>;

/** The stored end customer: `segment` is the latest one set, `segmentHistory` every period, oldest first. */
export const endCustomerSchema = z.object({
  endCustomerId: endCustomerIdSchema,
  ...commonShape,
  segmentHistory: z.array(segmentPeriodSchema).min(1).describe('Segments over time, oldest first'),
});
export type EndCustomerData = z.infer<typeof endCustomerSchema>;
export type EndCustomer = Stored<EndCustomerData>;

/** The segment an end customer is in on `date`, by its history; undefined before its first period. */
export function segmentOn(history: readonly SegmentPeriod[], date: IsoDate): string | undefined {
  let segment: string | undefined;
  for (const period of history) {
    if (period.effectiveFrom !== undefined && period.effectiveFrom > date) break;
    segment = period.segment;
  }
  return segment;
}

/**
 * The record a create or update stores. A segment with `segmentEffectiveFrom` holds from that date on, and a
 * changed one without it from `today`: periods starting on or after that date are replaced, so a wrong
 * reclassification is corrected by sending the right one with its date.
 */
export function endCustomerRecord(
  endCustomerId: string,
  details: EndCustomerDetails,
  previous: readonly SegmentPeriod[],
  today: IsoDate,
): EndCustomerData {
  const { segmentEffectiveFrom, ...fields } = details;
  return {
    endCustomerId,
    ...fields,
    segmentHistory: nextHistory(previous, details.segment, segmentEffectiveFrom, today),
  };
}

function nextHistory(
  previous: readonly SegmentPeriod[],
  segment: string,
  from: IsoDate | undefined,
  today: IsoDate,
): SegmentPeriod[] {
  if (previous.length === 0) return [{ segment, ...(from === undefined ? {} : { effectiveFrom: from }) }];
  // Unchanged and undated: other fields changed; the history (a reclassification planned ahead too) stays.
  if (from === undefined && previous.at(-1)?.segment === segment) return [...previous];
  const start = from ?? today;
  const kept = previous.filter(
    (period) => period.effectiveFrom === undefined || period.effectiveFrom < start,
  );
  if (kept.at(-1)?.segment === segment) return kept;
  return [...kept, { segment, effectiveFrom: start }];
}
