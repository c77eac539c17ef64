import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { Duplex } from 'node:stream';

type Connection = Duplex | null | undefined;

/**
 * A socket error nobody listens to kills the process. The SDK listens on a socket only while a request owns
 * it: when a service answers and closes before a large body is written (DynamoDB refusing a 20 MB item), the
 * body's next write fails with EPIPE on a socket no request owns any more, and Node throws "Unhandled 'error'
 * event" (measured: it took the whole local stack down). Every socket these agents open keeps a listener for
 * its whole life; a request that owns the socket still gets the error through its own listener.
 */
const ignoreOrphanedSocketError = () => undefined;

class GuardedHttpAgent extends HttpAgent {
  override createConnection(...args: Parameters<HttpAgent['createConnection']>): Connection {
    const socket = super.createConnection(...args);
    socket?.on('error', ignoreOrphanedSocketError);
    return socket;
  }
}

class GuardedHttpsAgent extends HttpsAgent {
  override createConnection(...args: Parameters<HttpsAgent['createConnection']>): Connection {
    const socket = super.createConnection(...args);
    socket?.on('error', ignoreOrphanedSocketError);
    return socket;
  }
}

/**
 * The agents of every SDK client's `requestHandler` (see sdk-resilience.ts): the SDK's defaults (keep-alive,
 * 50 sockets) on agents whose sockets never emit an unhandled error. One pair per container, shared by its clients.
 */
export const guardedRequestHandler = {
  httpAgent: new GuardedHttpAgent({ keepAlive: true, maxSockets: 50 }),
  httpsAgent: new GuardedHttpsAgent({ keepAlive: true, maxSockets: 50 }),
};
