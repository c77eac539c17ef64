import { InMemorySalesSummaries } from '../../support/in-memory-sales-summaries';
import { salesSummaryStoreContract } from '../../support/sales-summary-store-contract';

salesSummaryStoreContract('The in-memory sales summaries', async () => new InMemorySalesSummaries());
