import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { repositoryRoot } from '../constructs/chrm-function';
import { type Invocation, type Outcome, rethrown } from './function-worker-protocol';
import type { LocalFunctions } from './local-functions';

/**
 * How many worker threads `npm start` runs the API's handlers on, as measured by bench/api-load.ts (README). On 2
 * cores, shared with DynamoDB Local, the gateway's own thread gives the lower p99 at 200 req/s more often (43–179
 * ms, median 81, against 109–192, median 140, with 2 workers) and always the lower CPU per request: workers idle
 * between requests are woken for each one, which costs CPU the cores lack.
 * With more cores, 2 workers keep a slow handler from holding the gateway (not measurable here).
 */
export const defaultFunctionWorkers = availableParallelism() > 2 ? 2 : 0;

interface Waiting {
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: Error) => void;
}

interface Slot {
  readonly worker: Worker;
  readonly waiting: Map<number, Waiting>;
}

/**
 * A worker thread starts as plain Node: tsx's require hook first (under `tsx`, vitest or neither alike; Node 20
 * runs no ESM loader hooks in worker threads), then function-worker.ts.
 */
const bootstrap = `
const { workerData } = require('node:worker_threads');
require(workerData.tsx).register();
require(workerData.module);
`;
const workerSource = {
  tsx: createRequire(import.meta.url).resolve('tsx/cjs/api'),
  module: fileURLToPath(new URL('./function-worker.ts', import.meta.url)),
  root: repositoryRoot,
};

/** The error a Lambda invocation ends with when its runtime process dies under it. */
function exitError(code: number, cause: Error | undefined): Error {
  const reason = cause ? `: ${cause.message}` : '';
  return Object.assign(new Error(`Local runtime: the function worker exited with code ${code}${reason}`), {
    name: 'Runtime.ExitError',
  });
}

/**
 * Runs the handlers of `functions` on `size` worker threads, so that the thread which parses, routes and
 * authenticates requests does not also run every handler (at 200 req/s it was two-thirds busy doing both).
 * Same definitions, environment and context as LocalFunctions; an invocation goes to the least busy worker.
 * A worker that dies (uncaught error, `process.exit`) fails only what it was running, with a Runtime.ExitError
 * as Lambda would, and is started again at the next invocation. Workers are unref'd and terminated by `close`,
 * and as threads they end with the process whatever way it ends.
 */
export class FunctionWorkers {
  private readonly slots: (Slot | undefined)[];
  private nextId = 0;
  private closed = false;

  constructor(
    private readonly functions: Pick<LocalFunctions, 'get'>,
    readonly size: number,
  ) {
    this.slots = Array.from({ length: size }, () => this.spawn());
  }

  async invoke(logicalId: string, event: unknown): Promise<unknown> {
    if (this.closed) throw new Error('Local runtime: the function workers are stopped');
    const { entry, timeoutSeconds } = this.functions.get(logicalId);
    const slot = this.leastBusy();
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      slot.waiting.set(id, { resolve, reject });
      try {
        slot.worker.postMessage({ id, fn: { logicalId, entry, timeoutSeconds }, event } satisfies Invocation);
      } catch (error) {
        slot.waiting.delete(id);
        reject(error as Error);
      }
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.slots.map((slot) => slot?.worker.terminate()));
  }

  private leastBusy(): Slot {
    let best: Slot | undefined;
    for (const [index, found] of this.slots.entries()) {
      const slot = found ?? this.spawn();
      this.slots[index] = slot;
      if (!best || slot.waiting.size < best.waiting.size) best = slot;
    }
    if (!best) throw new Error('Local runtime: a function worker pool needs at least one worker');
    return best;
  }

  private spawn(): Slot {
    const worker = new Worker(bootstrap, { eval: true, workerData: workerSource });
    worker.unref();
    const slot: Slot = { worker, waiting: new Map() };
    let uncaught: Error | undefined;
    worker.on('message', (outcome: Outcome) => {
      const waiting = slot.waiting.get(outcome.id);
      slot.waiting.delete(outcome.id);
      if ('error' in outcome) waiting?.reject(rethrown(outcome.error));
      else waiting?.resolve(outcome.result);
    });
    worker.on('error', (error) => {
      uncaught = error;
    });
    worker.on('exit', (code) => {
      const index = this.slots.indexOf(slot);
      if (index >= 0) this.slots[index] = undefined;
      if (!this.closed) console.error(exitError(code, uncaught));
      for (const waiting of slot.waiting.values()) waiting.reject(exitError(code, uncaught));
      slot.waiting.clear();
    });
    return slot;
  }
}
