/**
 * A function worker's thread (see function-workers.ts): loads the handlers from their TypeScript source and
 * runs the invocations the gateway's thread posts, one message back per invocation. The handlers' environment
 * is the stack process's, which a worker thread starts with.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { type Invocation, type Outcome, thrownError } from './function-worker-protocol';
import { type Handler, lambdaContext } from './lambda-context';

if (!parentPort) throw new Error('function-worker.ts runs as a worker thread of function-workers.ts');
const port: MessagePort = parentPort;
const { root } = workerData as { root: string };
// Required, not imported: Node 20 runs no ESM loader hooks in worker threads, tsx's require hook does run.
const requireSource = createRequire(path.join(root, 'package.json'));
const handlers = new Map<string, Handler>();

function handlerOf(entry: string): Handler {
  let handler = handlers.get(entry);
  if (!handler) {
    const module = requireSource(path.join(root, entry)) as { handler?: Handler };
    if (typeof module.handler !== 'function') throw new Error(`${entry} does not export a handler`);
    handler = module.handler;
    handlers.set(entry, handler);
  }
  return handler;
}

function post(outcome: Outcome) {
  try {
    port.postMessage(outcome);
  } catch (error) {
    // A result that cannot cross the thread boundary fails its invocation, as a result Lambda cannot serialize does.
    port.postMessage({ id: outcome.id, error: thrownError(error) } satisfies Outcome);
  }
}

port.on('message', async ({ id, fn, event }: Invocation) => {
  try {
    post({ id, result: await handlerOf(fn.entry)(event, lambdaContext(fn)) });
  } catch (error) {
    post({ id, error: thrownError(error) });
  }
});
