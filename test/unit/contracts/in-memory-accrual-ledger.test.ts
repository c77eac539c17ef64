import { accrualLedgerContract } from '../../support/accrual-ledger-contract';
import { accountingPeriodStore, InMemoryAccrualLedger } from '../accrual-runs/fakes';

accrualLedgerContract('The in-memory ledger', async () => {
  const accountingPeriods = accountingPeriodStore();
  const ledger = new InMemoryAccrualLedger(accountingPeriods);
  return { ledger, accountingPeriods, summaries: ledger };
});
