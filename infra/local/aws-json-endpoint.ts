import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type AwsJsonOperations = Record<string, (body: Record<string, unknown>) => unknown>;

/** An error the stand-in answers as the service would: `__type` plus message, HTTP 400. */
export class AwsServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A loopback endpoint speaking the AWS JSON protocol (`X-Amz-Target: <Service>.<Operation>`), so unmodified
 * AWS SDK clients work against local stand-ins.
 */
export async function serveAwsJson(port: number, operations: AwsJsonOperations, contentType: string) {
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': contentType });
      response.end(JSON.stringify(body));
    };
    const handler = operations[operation];
    if (!handler)
      return reply(400, { __type: 'UnknownOperationException', message: `${operation} is not emulated` });
    try {
      reply(200, handler(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')));
    } catch (error) {
      if (error instanceof AwsServiceError) return reply(400, { __type: error.type, message: error.message });
      reply(500, { __type: 'InternalFailure', message: (error as Error).message });
    }
  });
  // A port taken meanwhile fails the start with its error, instead of an uncaught one later.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
