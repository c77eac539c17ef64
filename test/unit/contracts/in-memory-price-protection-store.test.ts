import { priceProtectionStoreContract } from '../../support/price-protection-store-contract';
import { InMemoryPriceProtectionStore } from '../price-protection/fakes';

priceProtectionStoreContract(
  'The in-memory price protection store',
  async () => new InMemoryPriceProtectionStore(),
);
