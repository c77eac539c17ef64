import { expireDealRegistrations } from '../../domain/deal-registration/expire-deal-registrations';
import { dealRegistrations, reminderDays } from '../deal-registration/deal-registration-deps';
import { lambdaEntry } from '../shared/entry-points';
import { logger } from '../shared/logger';

/** Daily: expires registrations whose protection ended and reminds those ending within DEAL_REMINDER_DAYS. */
export const handler = lambdaEntry(async () => {
  const result = await expireDealRegistrations(dealRegistrations, { reminderDays });
  logger.info('Deal registrations expired and reminded', {
    expired: result.expired.length,
    reminded: result.reminded.length,
    skipped: result.skipped.length,
  });
  return result;
});
