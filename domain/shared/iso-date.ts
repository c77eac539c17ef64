import { z } from 'zod';

/** A calendar date `YYYY-MM-DD` that exists (2026-02-30 is refused). */
export const isoDateSchema = z.iso.date({ message: 'must be a calendar date YYYY-MM-DD' });
export type IsoDate = z.infer<typeof isoDateSchema>;
