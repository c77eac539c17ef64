import { z } from 'zod';

/**
 * What a channel file reports: sell-through (point of sale) lines, inventory snapshots, or a ship & debit
 * claim (one claim per file, submitted as if posted to `/ship-and-debit-claims`). The one definition of the
 * kind in the domain; the event contract `ChannelFileProcessed.v1` spells the same values on its own, as
 * events depend on nothing.
 */
export const channelFileKindSchema = z.enum(['pos', 'inventory', 'shipAndDebitClaim']);
export type ChannelFileKind = z.infer<typeof channelFileKindSchema>;

/** The kinds whose lines become channel data (stored sale or inventory lines); a claim file becomes a claim. */
export type ChannelDataKind = Exclude<ChannelFileKind, 'shipAndDebitClaim'>;

export const isChannelDataKind = (kind: ChannelFileKind): kind is ChannelDataKind =>
  kind !== 'shipAndDebitClaim';
