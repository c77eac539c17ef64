import { z } from 'zod';

/** Published on the ChRM bus when a channel file reaches a final state. Accrual runs listen for it. */
export const source = 'chrm.channel-data';
export const detailType = 'ChannelFileProcessed';
export const version = 1;

export const channelFileProcessedV1 = z.object({
  version: z.literal(version),
  fileId: z.string(),
  partnerId: z.string(),
  kind: z.enum(['pos', 'inventory', 'shipAndDebitClaim']),
  status: z.enum(['completed', 'completed_with_rejections', 'duplicate', 'failed']),
  counts: z.object({
    lines: z.number().int().nonnegative(),
    accepted: z.number().int().nonnegative(),
    restated: z.number().int().nonnegative(),
    unchanged: z.number().int().nonnegative(),
    rejected: z.number().int().nonnegative(),
  }),
  duplicateOf: z.string().optional(),
  failureReason: z.string().optional(),
  occurredAt: z.iso.datetime(),
});
export type ChannelFileProcessedV1 = z.infer<typeof channelFileProcessedV1>;
