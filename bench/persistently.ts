/**
 * Runs a bench's load step again when the loaded machine makes DynamoDB Local drop a connection or time out
 * waiting for a lock (a million-line load died so at 660,000): up to 4 attempts, 2, 4 and 6 s apart. Only
 * for steps whose repetition is harmless (a create-if-absent, a put of the same items).
 */
export async function persistently<T>(bench: string, step: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await step();
    } catch (error) {
      if (attempt === 4) throw error;
      console.warn(`${bench}: retrying a load step after ${String(error)}`);
      await new Promise((resolve) => setTimeout(resolve, 2_000 * attempt));
    }
  }
}
