import { z } from 'zod';

/**
 * Business identifiers (partner numbers, SKUs, price list codes) are chosen by the manufacturer, as in an
 * ERP: upper-case letters, digits and `-`, `_` or `.`, so that they are safe inside storage keys and URLs.
 */
export const businessCodeSchema = z
  .string()
  .regex(
    /^[A-Z0-9][A-Z0-9._-]{0,39}$/,
    'must be 1-40 characters: A-Z, 0-9, ".", "_" or "-", starting alphanumeric',
  );

/** ISO 3166-1 alpha-2 country code. */
export const countryCodeSchema = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code');

/** Free text shown to people: trimmed, non-empty, bounded. */
export const nameSchema = z.string().trim().min(1, 'must not be empty').max(200);
