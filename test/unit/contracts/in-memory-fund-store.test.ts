import { fundStoreContract } from '../../support/fund-store-contract';
import { InMemoryClaimStore } from '../claims/fakes';
import { InMemoryFundStore } from '../funds/fakes';

fundStoreContract('The in-memory fund store', async () => new InMemoryFundStore(new InMemoryClaimStore()));
