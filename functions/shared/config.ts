import { z } from 'zod';

/**
 * Settings every data-touching Lambda reads, parsed once at module load so a misconfigured function fails on
 * its first cold start instead of on some later request. `*_ENDPOINT` are set only by the local runtime.
 */
const configSchema = z.object({
  TABLE_NAME: z.string().min(1),
  AWS_REGION: z.string().min(1).default('us-east-1'),
  DYNAMODB_ENDPOINT: z.url().optional(),
});
export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid Lambda configuration: ${problems.join('; ')}`);
  }
  return parsed.data;
}
