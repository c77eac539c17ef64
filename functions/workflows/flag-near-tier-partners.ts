import type { EventBridgeEvent } from 'aws-lambda';
import { flagNearTierPartners } from '../../domain/accrual-runs/near-tier-alerts';
import { accrualRunCompletedV1 } from '../../events/accrual-run-completed.v1';
import { accruals } from '../accruals/accrual-deps';
import { lambdaEntry } from '../shared/entry-points';
import { logger } from '../shared/logger';
import { countBusiness } from '../shared/observability';

/**
 * Target of the AccrualRunCompleted rule: stores the run's near-tier alerts and publishes PartnerNearTier
 * for each. A repeated delivery finds them stored and published and publishes nothing more; a failure is
 * retried by the rule.
 */
export const handler = lambdaEntry(async (event: EventBridgeEvent<'AccrualRunCompleted', unknown>) => {
  const detail = accrualRunCompletedV1.parse(event.detail);
  logger.appendKeys({ runId: detail.runId });
  const alerts = await flagNearTierPartners(accruals, detail.runId);
  countBusiness('NearTierAlerts', alerts.length);
  logger.info('Near-tier partners flagged', { alerts: alerts.length });
});
