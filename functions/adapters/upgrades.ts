import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { backfillFundCredits, type FundCreditBackfillOutcome } from './fund-credit-backfill';
import { backfillReadModels, type ReadModelBackfillOutcome } from './read-model-backfill';
import type { UpgradeScanOptions } from './upgrade-scan';

export interface UpgradeOutcome {
  /** Both jobs done: the operator need not invoke the upgrade again. */
  readonly complete: boolean;
  readonly readModels: ReadModelBackfillOutcome;
  readonly fundCredits: FundCreditBackfillOutcome;
}

/**
 * The upgrade an operator runs after a deploy (README, "Upgrading"): the read model backfill (liability
 * summaries, sales shard directories), then the fund credit bases. Each job keeps its own checkpoints, so an
 * invocation cut short resumes each where it stopped; once done, the read models cost one read per segment and
 * the fund credits one read of their completion record.
 */
export async function runUpgrades(
  client: DynamoDBDocumentClient,
  tableName: string,
  options: UpgradeScanOptions,
): Promise<UpgradeOutcome> {
  const readModels = await backfillReadModels(client, tableName, options);
  const fundCredits = await backfillFundCredits(client, tableName, options);
  return { complete: readModels.complete && fundCredits.complete, readModels, fundCredits };
}
