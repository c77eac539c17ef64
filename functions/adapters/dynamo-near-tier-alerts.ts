import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import type { NearTierAlertStore, StoredNearTierAlert } from '../../domain/accrual-runs/ports';
import { currencyCodeSchema } from '../../domain/shared/money/money';
import type { Page, PageRequest } from '../../domain/shared/ports';
import { checkedFields, readerOf } from './read-back';
import { allItems, pageMapped, partitionPage, putIf, storageStripper, type TableItem } from './table-access';
import {
  nearTierAlertIndexKeys,
  nearTierAlertKey,
  nearTierAlertsPartition,
  nearTierPeriodPartition,
  nearTierProgramPrefix,
  partnerNearTierPartition,
} from './table-keys/reports';

const withoutStorage = storageStripper('itemType', 'itemVersion');
const itemType = 'NearTierAlert';

/** Read-back check: the identifying fields and the figures a reader shows. */
const alertSchema = checkedFields<StoredNearTierAlert>()({
  runId: z.string().min(1),
  programId: z.string().min(1),
  period: z.string().min(1),
  periodEnd: z.iso.date(),
  partnerId: z.string().min(1),
  basis: z.enum(['quantity', 'revenue']),
  shortfall: z.string(),
  currency: currencyCodeSchema,
  message: z.string(),
  publishedAt: z.string().nullable(),
});

const alertOfItem: (item: TableItem) => StoredNearTierAlert = readerOf(alertSchema, withoutStorage);

/** Near-tier alerts in the single table (access patterns 70–71 in table-keys/reports.ts). */
export class DynamoNearTierAlerts implements NearTierAlertStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  save(alert: StoredNearTierAlert): Promise<boolean> {
    const item = {
      ...alert,
      ...nearTierAlertKey(alert.programId, alert.period, alert.partnerId),
      ...nearTierAlertIndexKeys(alert),
      itemType,
      itemVersion: 1,
    };
    // Another run's alert is replaced by a run completed no earlier; this run's only while its event has not
    // gone out. (Alerts stored before runCompletedAt existed count as older.)
    return putIf(
      this.client,
      this.tableName,
      item,
      'attribute_not_exists(pk) OR (runId <> :runId AND (attribute_not_exists(runCompletedAt) OR ' +
        'runCompletedAt <= :completedAt)) OR (runId = :runId AND attribute_type(publishedAt, :null))',
      { values: { ':runId': alert.runId, ':completedAt': alert.runCompletedAt, ':null': 'NULL' } },
    );
  }

  async markPublished(alert: StoredNearTierAlert, publishedAt: string): Promise<void> {
    await this.client
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: nearTierAlertKey(alert.programId, alert.period, alert.partnerId),
          UpdateExpression: 'SET publishedAt = :at',
          // A later run may have replaced the alert meanwhile: its own publishing marks it.
          ConditionExpression: 'runId = :runId',
          ExpressionAttributeValues: { ':at': publishedAt, ':runId': alert.runId },
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  async ofProgramPeriod(programId: string, period: string): Promise<StoredNearTierAlert[]> {
    const items = await allItems(this.client, this.tableName, {
      partition: nearTierPeriodPartition(programId, period),
      consistent: true,
    });
    return items.map(alertOfItem);
  }

  async remove(alert: { programId: string; period: string; partnerId: string }): Promise<void> {
    await this.client.send(
      new DeleteCommand({
        TableName: this.tableName,
        Key: nearTierAlertKey(alert.programId, alert.period, alert.partnerId),
      }),
    );
  }

  async list(
    filter: { readonly programId?: string | undefined; readonly partnerId?: string | undefined },
    page: PageRequest,
  ): Promise<Page<StoredNearTierAlert>> {
    const found = await partitionPage(this.client, this.tableName, {
      ...(filter.partnerId === undefined
        ? { index: 'gsi2', partition: nearTierAlertsPartition }
        : { index: 'gsi1', partition: partnerNearTierPartition(filter.partnerId) }),
      page,
      ...(filter.programId === undefined
        ? {}
        : { sortKey: { beginsWith: nearTierProgramPrefix(filter.programId) } }),
    });
    return pageMapped(found, alertOfItem);
  }
}
