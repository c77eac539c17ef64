import { nearTierAlertStoreContract } from '../../support/near-tier-alert-store-contract';
import { InMemoryNearTierAlerts } from '../accrual-runs/in-memory-near-tier-alerts';

nearTierAlertStoreContract('The in-memory near-tier alerts', async () => new InMemoryNearTierAlerts());
