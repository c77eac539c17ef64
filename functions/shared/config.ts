import { z } from 'zod';

/**
 * Settings every data-touching Lambda reads, parsed once at module load so a misconfigured function fails on
 * its first cold start instead of on some later request. `*_ENDPOINT` are set only by the local runtime.
 */
const baseSchema = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  DYNAMODB_ENDPOINT: z.url().optional(),
});
export type Config = z.infer<typeof baseSchema>;

/** Parses the base settings plus the `extra` ones a function needs; fails listing every problem. */
export function loadSettings<S extends z.ZodRawShape>(extra: S, env: NodeJS.ProcessEnv = process.env) {
  const parsed = baseSchema.extend(extra).safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid Lambda configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return loadSettings({}, env);
}

/** Settings of the channel-data functions: the uploads bucket, the event bus and the ingest workflow. */
export const channelDataSettings = {
  UPLOADS_BUCKET: z.string().min(1),
  EVENT_BUS_NAME: z.string().min(1),
  S3_ENDPOINT: z.url().optional(),
  EVENTS_ENDPOINT: z.url().optional(),
};

const channelDataSchema = baseSchema.extend(channelDataSettings);
export type ChannelDataSettings = z.infer<typeof channelDataSchema>;
