import { dealRegistrationStoreContract } from '../../support/deal-registration-store-contract';
import { dealDeps } from '../deal-registration/fakes';

dealRegistrationStoreContract('The in-memory deal registration store', async () => {
  const { deps } = dealDeps();
  return { registrations: deps.registrations, houseAccounts: deps.houseAccounts };
});
