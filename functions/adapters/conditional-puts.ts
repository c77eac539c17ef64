import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  type PutCommandInput,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { chunks, inParallel, pause } from './dynamo-batch';

/** DynamoDB's limit of items per transaction. */
const transactionSize = 100;
const maxAttempts = 12;

/** A conditional put: the item and the condition it is written on. */
export type ConditionalPut = Omit<PutCommandInput, 'ReturnValues'> & { readonly ConditionExpression: string };

/**
 * Writes many conditional puts, each standing or falling on its own condition, and returns per put whether
 * it was written. A hundred go in one transaction: one round trip and one write instead of a hundred (on
 * DynamoDB Local about five times faster than single puts). A transaction is all or nothing, so when one
 * condition fails DynamoDB cancels the lot and says which: those are answered `false` and the rest written
 * again; puts cancelled by another transaction holding the item (TransactionConflict) are retried after a
 * jittered pause. Any other cancellation (a malformed item) is thrown: nothing is silently dropped.
 */
export async function putAllConditionally(
  client: DynamoDBDocumentClient,
  puts: readonly ConditionalPut[],
): Promise<boolean[]> {
  const written = new Array<boolean>(puts.length).fill(false);
  const indexed = puts.map((put, index) => ({ put, index }));
  await inParallel(chunks(indexed, transactionSize), async (chunk) => {
    let pending = chunk;
    let conflicts = 0;
    while (pending.length > 0) {
      if (conflicts >= maxAttempts) {
        throw new Error(`${pending.length} conditional puts kept conflicting after ${maxAttempts} attempts`);
      }
      if (conflicts > 0) await pause(conflicts);
      try {
        await client.send(
          new TransactWriteCommand({ TransactItems: pending.map(({ put }) => ({ Put: put })) }),
        );
        for (const { index } of pending) written[index] = true;
        pending = [];
      } catch (error) {
        if (!(error instanceof TransactionCanceledException)) throw error;
        const reasons = error.CancellationReasons ?? [];
        const failed = (code: string | undefined) => code !== undefined && code !== 'None';
        const unexpected = reasons.find(
          (reason) =>
            failed(reason.Code) &&
            reason.Code !== 'ConditionalCheckFailed' &&
            reason.Code !== 'TransactionConflict',
        );
        const explained = reasons.some((reason) => failed(reason.Code));
        if (unexpected !== undefined || !explained || reasons.length !== pending.length) throw error;
        if (reasons.some((reason) => reason.Code === 'TransactionConflict')) conflicts++;
        // Puts whose condition failed stay `false`; the others were not written and go again.
        pending = pending.filter((_, position) => reasons[position]?.Code !== 'ConditionalCheckFailed');
      }
    }
  });
  return written;
}
