import { loadSettings } from '../shared/config';
import { createDealRegistrationDeps, dealRegistrationSettings } from './create-deal-registration-deps';

const settings = loadSettings(dealRegistrationSettings);

/** Built once per Lambda container: everything the deal-registration functions use. */
export const dealRegistrations = createDealRegistrationDeps(settings);
/** Days before a protection ends that the expiry job reminds the partner. */
export const reminderDays = settings.DEAL_REMINDER_DAYS;
