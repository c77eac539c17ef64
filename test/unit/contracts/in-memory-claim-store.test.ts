import { claimStoreContract } from '../../support/claim-store-contract';
import { InMemoryClaimStore } from '../claims/fakes';

claimStoreContract('The in-memory claim store', async () => new InMemoryClaimStore());
