import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

/** A start-up problem the user can fix; the CLI prints its message without a stack trace. */
export class LocalSetupError extends Error {
  override readonly name = 'LocalSetupError';
}

/** DynamoDB Local is a Java program: refuse early, with the fix, when no Java 17+ is on the PATH. */
export function assertJavaAvailable(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new LocalSetupError(
      'Java was not found. DynamoDB Local needs Java 17 or newer: on Debian/Ubuntu run ' +
        '`sudo apt-get install -y openjdk-17-jre-headless`, then try again.',
    );
  }
  const version = /version "(\d+)/.exec(`${result.stderr}${result.stdout}`)?.[1];
  if (version !== undefined && Number(version) < 17) {
    throw new LocalSetupError(`Java ${version} found; DynamoDB Local needs Java 17 or newer.`);
  }
}

/** Fails with a clear message when `port` is taken; port 0 always passes (the OS picks a free one). */
export async function assertPortFree(port: number, what: string): Promise<void> {
  if (port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () =>
      reject(
        new LocalSetupError(`Port ${port} (${what}) is in use. Stop what uses it or pick another port.`),
      ),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

/** Asks the OS for a free loopback port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
