import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PartnerMonthChanges } from '../../domain/accrual-runs/line-state';
import { getAll, inParallel, itemKeyId } from './dynamo-batch';
import { lineChangesKey } from './table-keys/channel-lines';

/** A partner's invoice month, as `partnerId` + `yyyy-mm`. */
export interface PartnerMonth {
  readonly partnerId: string;
  readonly month: string;
}

/** Adds one to the counter of each distinct partner-month (created at 1 when absent). */
export async function bumpLineChanges(
  client: DynamoDBDocumentClient,
  tableName: string,
  partnerMonths: readonly PartnerMonth[],
): Promise<void> {
  const distinct = [...new Map(partnerMonths.map((pm) => [`${pm.partnerId}\u0000${pm.month}`, pm])).values()];
  await inParallel(distinct, async ({ partnerId, month }) => {
    await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: lineChangesKey(partnerId, month),
        UpdateExpression: 'ADD changes :one SET #type = :type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':one': 1, ':type': 'LineChanges' },
      }),
    );
  });
}

/** The counters of every partner × month, consistently read; 0 where none was ever bumped. */
export async function readLineChanges(
  client: DynamoDBDocumentClient,
  tableName: string,
  partnerIds: readonly string[],
  months: readonly string[],
): Promise<PartnerMonthChanges[]> {
  const wanted = partnerIds.flatMap((partnerId) => months.map((month) => ({ partnerId, month })));
  const found = await getAll(
    client,
    tableName,
    wanted.map(({ partnerId, month }) => lineChangesKey(partnerId, month)),
  );
  return wanted.map(({ partnerId, month }) => ({
    partnerId,
    month,
    changes: Number(found.get(itemKeyId(lineChangesKey(partnerId, month)))?.changes ?? 0),
  }));
}
