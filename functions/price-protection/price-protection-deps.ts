import { loadSettings } from '../shared/config';
import { createPriceProtectionDeps, priceProtectionSettings } from './create-price-protection-deps';

/** Built once per Lambda container: everything the price protection functions use. */
export const priceProtectionDeps = createPriceProtectionDeps(loadSettings(priceProtectionSettings));
