import { paymentBatchStoreContract } from '../../support/payment-batch-store-contract';
import { InMemoryPaymentBatchStore } from '../payments/fakes';

paymentBatchStoreContract('The in-memory payment batch store', async () => new InMemoryPaymentBatchStore());
