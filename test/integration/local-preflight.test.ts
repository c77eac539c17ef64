import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { startLocalStack } from '../../infra/local/local-stack';
import { assertJavaAvailable, freePort, LocalSetupError } from '../../infra/local/preflight';

describe('local runtime preflight', () => {
  const originalPath = process.env.PATH;
  let blocker: Server | undefined;

  afterEach(async () => {
    process.env.PATH = originalPath;
    await new Promise<void>((resolve) => (blocker ? blocker.close(() => resolve()) : resolve()));
    blocker = undefined;
  });

  it('explains how to install Java when it is missing', () => {
    process.env.PATH = '/nonexistent';
    expect(() => assertJavaAvailable()).toThrow(LocalSetupError);
    expect(() => assertJavaAvailable()).toThrow(/openjdk-17-jre-headless/);
  });

  it('refuses a port in use with a clear message before starting anything', async () => {
    const port = await freePort();
    blocker = createServer();
    await new Promise<void>((resolve) => blocker?.listen(port, '127.0.0.1', resolve));
    await expect(startLocalStack({ inMemory: true, apiPort: port })).rejects.toThrow(
      new LocalSetupError(`Port ${port} (API) is in use. Stop what uses it or pick another port.`),
    );
  });
});
