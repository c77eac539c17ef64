import type { EventBridgeEvent } from 'aws-lambda';
import { reopenRecoveries } from '../../domain/price-protection/reopen-recoveries';
import { claimDecidedV1 } from '../../events/claim-decided.v1';
import { priceProtectionDeps } from '../price-protection/price-protection-deps';
import { lambdaEntry } from '../shared/entry-points';
import { logger } from '../shared/logger';

/** ClaimDecided of a rejected price protection claim: the recoveries it netted are open again. */
export const handler = lambdaEntry(async (event: EventBridgeEvent<string, unknown>) => {
  const decision = claimDecidedV1.parse(event.detail);
  const reopened = await reopenRecoveries(priceProtectionDeps, decision);
  if (reopened.length > 0)
    logger.info('price protection recoveries reopened', { claimId: decision.claimId, runIds: reopened });
});
