import { loadSettings } from '../shared/config';
import { createPaymentDeps, paymentSettings } from './create-payment-deps';

/** Built once per Lambda container: everything the payment-batch functions use. */
export const payments = createPaymentDeps(loadSettings(paymentSettings));
