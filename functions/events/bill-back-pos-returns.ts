import type { EventBridgeEvent } from 'aws-lambda';
import { billBackReturnsOfPosFile } from '../../domain/ship-and-debit/bill-back-returns';
import { channelFileProcessedV1 } from '../../events/channel-file-processed.v1';
import { lambdaEntry } from '../shared/entry-points';
import { logger } from '../shared/logger';
import { shipAndDebitClaimDeps } from '../ship-and-debit/ship-and-debit-claim-deps';

/** ChannelFileProcessed: a completed POS file's returns of credited resales are billed back. */
export const handler = lambdaEntry(async (event: EventBridgeEvent<string, unknown>) => {
  const file = channelFileProcessedV1.parse(event.detail);
  const detection = await billBackReturnsOfPosFile(shipAndDebitClaimDeps, file);
  if (detection !== undefined)
    logger.info('POS returns billed back', {
      fileId: file.fileId,
      partnerId: file.partnerId,
      created: detection.created.length,
      existing: detection.existing.length,
      unmatched: detection.unmatched.length,
    });
});
