import { DeleteCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { PartnerMonth } from '../../domain/accrual-runs/line-state';
import { getItem } from './table-access';
import { withdrawalMonthsKey } from './table-keys/channel-lines';

// `yyyy-mm#<partnerId>`: the month is fixed-width, so a partner id with any characters reads back whole.
const encode = ({ partnerId, month }: PartnerMonth) => `${month}#${partnerId}`;
const decode = (value: string): PartnerMonth => ({ month: value.slice(0, 7), partnerId: value.slice(8) });

/**
 * The partner-months a withdrawal of a file under way touches, recorded before its transactions and cleared
 * once their counters were bumped after all of them: what a retry must bump if the withdrawal died in between
 * (the retry finds no line of the file left in force, so nothing else tells it which months moved).
 */
export class WithdrawalMonths {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async record(fileId: string, months: readonly PartnerMonth[]): Promise<void> {
    if (months.length === 0) return;
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: withdrawalMonthsKey(fileId),
        UpdateExpression: 'ADD months :months SET #type = :type',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':months': new Set(months.map(encode)), ':type': 'WithdrawalMonths' },
      }),
    );
  }

  /** Every month recorded for the file (consistent read): none when no withdrawal of it is under way. */
  async of(fileId: string): Promise<PartnerMonth[]> {
    const item = await getItem(this.client, this.tableName, withdrawalMonthsKey(fileId));
    const months = item?.months;
    return months instanceof Set ? [...months].map((month) => decode(String(month))) : [];
  }

  async clear(fileId: string): Promise<void> {
    await this.client.send(
      new DeleteCommand({ TableName: this.tableName, Key: withdrawalMonthsKey(fileId) }),
    );
  }
}
