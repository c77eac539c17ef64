import { z } from 'zod';
import { expireFunds } from '../../domain/funds/expire-funds';
import { fundDeps } from '../funds/fund-deps';
import { lambdaEntry } from '../shared/entry-points';
import { logger } from '../shared/logger';

/** What the daily rule sends: the time it fired (absent when started by hand: then now). */
const scheduledEventSchema = z.object({ scheduledAt: z.iso.datetime().optional() }).loose();

/** Scheduled daily: expires requests and funds past their dates (see the use case). */
export const handler = lambdaEntry(async (event: unknown) => {
  const parsed = scheduledEventSchema.safeParse(event ?? {});
  const at = parsed.success && parsed.data.scheduledAt ? new Date(parsed.data.scheduledAt) : fundDeps.clock();
  const report = await expireFunds(fundDeps, at.toISOString().slice(0, 10));
  logger.info('Fund expiry done', { ...report });
  return report;
});
