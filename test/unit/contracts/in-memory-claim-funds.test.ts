import { claimFundsContract } from '../../support/claim-funds-contract';
import { InMemoryAccrualLedger } from '../accrual-runs/fakes';
import { InMemoryClaimFunds, InMemoryClaimStore } from '../claims/fakes';

claimFundsContract('The in-memory claim funds', async () => {
  const claims = new InMemoryClaimStore();
  const ledger = new InMemoryAccrualLedger();
  return { funds: new InMemoryClaimFunds(claims, ledger), claims, ledger };
});
