import { z } from 'zod';
import { createDocumentClient } from '../adapters/dynamo-client';
import { runUpgrades } from '../adapters/upgrades';
import { loadConfig } from '../shared/config';
import { lambdaEntry } from '../shared/entry-points';
import { logger } from '../shared/logger';

const config = loadConfig();
const client = createDocumentClient(config);

/** What the operator may pass; `{}` is the usual invocation (again until `complete`). */
const requestSchema = z.object({
  segments: z.number().int().min(1).max(64).default(16),
  restart: z.boolean().default(false),
});

/** Time kept back from the Lambda timeout: the page under way and its checkpoint finish within it. */
const stopMarginMs = 60_000;

/**
 * Invoked by an operator after a deploy: completes the read models kept on write (liability summaries, sales
 * shard directories, claim fund credits) for data written before they existed; see the README's "Upgrading".
 * Returns each job's counts and whether both are done; an invocation cut short by its time resumes at the next.
 */
export const handler = lambdaEntry(async (event: unknown, context) => {
  const request = requestSchema.parse(event ?? {});
  const outcome = await runUpgrades(client, config.TABLE_NAME, {
    ...request,
    stopBy: Date.now() + context.getRemainingTimeInMillis() - stopMarginMs,
  });
  logger.info('Upgrade backfill', { ...outcome });
  return outcome;
});
