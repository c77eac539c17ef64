import { z } from 'zod';

/**
 * What a channel file reports: sell-through (point of sale) lines or inventory snapshots. The one definition
 * of the kind in the domain; the event contract `ChannelFileProcessed.v1` spells the same values on its own,
 * as events depend on nothing.
 */
export const channelFileKindSchema = z.enum(['pos', 'inventory']);
export type ChannelFileKind = z.infer<typeof channelFileKindSchema>;
