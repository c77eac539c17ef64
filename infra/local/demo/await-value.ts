/**
 * Polls `read` every 50 ms until it gives a value: the approval workflows run on their own. A minute at most,
 * as a failed seed stops the start-up, and a loaded machine can take seconds per workflow step.
 */
export async function awaitValue<T>(what: string, read: () => Promise<T | undefined>): Promise<T> {
  for (let attempt = 0; attempt < 1_200; attempt++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Demo seed: ${what} did not happen within a minute`);
}
