import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

/** Whether DynamoDB cancelled a transaction because another one held one of its items at that moment. */
export const isTransactionConflict = (error: unknown) =>
  error instanceof TransactionCanceledException &&
  (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict');

/**
 * Runs `write` (one transaction) again while it is cancelled by a TransactionConflict: concurrent
 * transactions on one item cancel each other rather than queue. Each retry waits a random pause that grows
 * with the attempts, so that the racers spread out; after `maxAttempts` the conflict is thrown.
 */
export async function retryOnTransactionConflict<T>(write: () => Promise<T>, maxAttempts = 50): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isTransactionConflict(error) || attempt >= maxAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * Math.min(attempt, 10)));
    }
  }
}
