import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Execution, LocalStepFunctions } from './step-functions';

const epochSeconds = (date: Date | undefined) => (date ? date.getTime() / 1000 : undefined);

function describe(execution: Execution) {
  return {
    executionArn: execution.executionArn,
    stateMachineArn: execution.stateMachineArn,
    name: execution.name,
    status: execution.status,
    input: execution.input,
    output: execution.output,
    error: execution.error,
    cause: execution.cause,
    startDate: epochSeconds(execution.startDate),
    stopDate: epochSeconds(execution.stopDate),
  };
}

/**
 * The Step Functions API over HTTP (AWS JSON 1.0 protocol), so that unmodified `@aws-sdk/client-sfn` code
 * (e.g. an API handler starting a workflow) works against the local runner.
 */
export async function serveStepFunctions(stepFunctions: LocalStepFunctions, port: number) {
  const operations: Record<string, (body: Record<string, string>) => unknown> = {
    StartExecution: (body) => {
      const execution = stepFunctions.startExecution(String(body.stateMachineArn), body.input, body.name);
      return { executionArn: execution.executionArn, startDate: epochSeconds(execution.startDate) };
    },
    DescribeExecution: (body) => describe(stepFunctions.describeExecution(String(body.executionArn))),
  };
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    const reply = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(JSON.stringify(body));
    };
    const handler = operations[operation];
    if (!handler)
      return reply(400, { __type: 'UnknownOperationException', message: `${operation} is not emulated` });
    try {
      reply(200, handler(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}')));
    } catch (error) {
      const [type = 'InvalidParameter', ...rest] = (error as Error).message.split(': ');
      reply(400, { __type: type, message: rest.join(': ') });
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
