import { z } from 'zod';
import { caughtError } from './caught-error';

/** The payloads the channel-file ingest state machine hands its Lambda tasks (see accrual-run-tasks.ts). */

/** Ingest a file's next batches, from its checkpoint. */
export const ingestFileTask = z.object({ fileId: z.string().min(1) });

/** The ingest's Catch: the task failed after its retries. */
export const ingestFailureTask = z.object({ fileId: z.string().min(1), error: caughtError.optional() });
