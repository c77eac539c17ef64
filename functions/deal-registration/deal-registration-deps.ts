import { DynamoChannelQueries } from '../adapters/dynamo-channel-queries';
import { createDocumentClient } from '../adapters/dynamo-client';
import { loadSettings } from '../shared/config';
import { createDealRegistrationDeps, dealRegistrationSettings } from './create-deal-registration-deps';

const settings = loadSettings(dealRegistrationSettings);

/** Built once per Lambda container: everything the deal-registration functions use. */
export const dealRegistrations = createDealRegistrationDeps(settings);
/** Days before a protection ends that the expiry job reminds the partner. */
export const reminderDays = settings.DEAL_REMINDER_DAYS;
/** The partners' POS lines, which design-win reports match to registrations. */
export const channelSales = new DynamoChannelQueries(createDocumentClient(settings), settings.TABLE_NAME);
