import { deductionStoreContract } from '../../support/deduction-store-contract';
import { deductionDeps } from '../deductions/fakes';

deductionStoreContract('The in-memory deduction store', async () => deductionDeps().deductions);
