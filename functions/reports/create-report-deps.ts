import type { ReportDeps } from '../../domain/reports/report-use-cases';
import { channelDataStores } from '../adapters/channel-data-stores';
import { DynamoChannelQueries } from '../adapters/dynamo-channel-queries';
import { DynamoClaimStore } from '../adapters/dynamo-claim-store';
import { createDocumentClient } from '../adapters/dynamo-client';
import { DynamoLiabilitySummaries } from '../adapters/dynamo-liability-summaries';
import { DynamoSalesSummaries } from '../adapters/dynamo-sales-summaries';
import { masterDataStores } from '../adapters/master-data-stores';
import type { Config } from '../shared/config';

/**
 * Wires the reports to the table: the ledger's liability summaries, claims, files, partners, the monthly sales summaries and the
 * inventory snapshots' month index.
 */
export function createReportDeps(config: Config): ReportDeps & { readonly clock: () => Date } {
  const client = createDocumentClient(config);
  const table = config.TABLE_NAME;
  const claims = new DynamoClaimStore(client, table);
  const channelQueries = new DynamoChannelQueries(client, table);
  return {
    liabilities: new DynamoLiabilitySummaries(client, table),
    partners: masterDataStores(client, table).partners,
    claims,
    claimQueries: claims,
    files: channelDataStores(client, table).files,
    salesSummaries: new DynamoSalesSummaries(client, table),
    inventorySnapshots: {
      ofMonth: (partnerId, month) => channelQueries.inventorySnapshotsOfMonth(partnerId, month),
    },
    clock: () => new Date(),
  };
}
