import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalApiGateway, type LocalRoute } from '../../infra/local/api-gateway';
import { FunctionWorkers } from '../../infra/local/function-workers';

const fixture = {
  logicalId: 'Fixture',
  entry: 'test/support/function-worker-fixture.ts',
  environment: {},
  timeoutSeconds: 30,
};
const functions = { get: () => fixture };
const route: LocalRoute = {
  routeKey: 'GET /fixture',
  method: 'GET',
  pattern: /^\/fixture$/,
  parameterNames: [],
  functionId: fixture.logicalId,
  requiresJwt: false,
};
const doing = (what: string) => ({ queryStringParameters: { do: what } });

describe('the API handlers on worker threads', () => {
  let pool: FunctionWorkers;
  let gateway: LocalApiGateway;
  let url: string;
  beforeAll(async () => {
    // As LocalFunctions does, the stack sets the functions' environment before the workers start.
    process.env.FIXTURE_SETTING = 'from the stack';
    pool = new FunctionWorkers(functions, 2);
    gateway = new LocalApiGateway([route], pool, new Uint8Array(32));
    url = await gateway.listen(0);
  });
  afterAll(async () => {
    await gateway.close();
    await pool.close();
    delete process.env.FIXTURE_SETTING;
  });

  it("runs a request's handler off the gateway's thread, with the stack's environment and a Lambda context", async () => {
    const response = await fetch(`${url}/fixture?do=answer`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { threadId: number; remainingMs: number };
    expect(body.threadId).not.toBe(threadId);
    expect(body).toMatchObject({ setting: 'from the stack', functionName: 'Fixture' });
    expect(body.remainingMs).toBeGreaterThan(25_000);
  });

  it('passes on what a handler throws, and the gateway answers it as it answers any handler error', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(pool.invoke('Fixture', doing('throw'))).rejects.toMatchObject({
      name: 'RangeError',
      message: 'out of range',
      code: 'E_FIXTURE',
      details: { field: 'x' },
    });
    const response = await fetch(`${url}/fixture?do=throw`);
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    logged.mockRestore();
  });

  it('a worker that dies fails only its invocation (500), as a Lambda runtime exit, and the next one is served', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    await expect(pool.invoke('Fixture', doing('exit'))).rejects.toMatchObject({
      name: 'Runtime.ExitError',
      message: expect.stringContaining('code 3'),
    });
    for (const crash of ['exit', 'uncaught']) {
      expect((await fetch(`${url}/fixture?do=${crash}`)).status).toBe(500);
      const next = await Promise.all([fetch(`${url}/fixture?do=answer`), fetch(`${url}/fixture?do=answer`)]);
      expect(next.map((response) => response.status)).toEqual([200, 200]);
    }
    logged.mockRestore();
  });
});

describe('stopping the function workers', () => {
  it('fails what they were running and refuses later invocations', async () => {
    const pool = new FunctionWorkers(functions, 1);
    const running = pool.invoke('Fixture', doing('wait'));
    await pool.close();
    await expect(running).rejects.toMatchObject({ name: 'Runtime.ExitError' });
    await expect(pool.invoke('Fixture', doing('answer'))).rejects.toThrow(/stopped/);
  });
});
