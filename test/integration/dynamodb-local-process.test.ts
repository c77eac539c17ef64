import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { startDynamoDbLocal } from '../../infra/local/dynamodb-local';
import { freePort } from '../../infra/local/preflight';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Local addresses of listening TCP sockets on `port`, from the kernel's tables (Linux). */
function listeningAddresses(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  const addresses: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const row of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const [, local, , state] = row.trim().split(/\s+/);
      if (state === '0A' && local?.endsWith(`:${hexPort}`)) addresses.push(local.split(':')[0] ?? '');
    }
  }
  return addresses;
}

const connects = (host: string, port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => resolve(false));
  });

describe('DynamoDB Local process', () => {
  it('listens on 127.0.0.1 only: not on any other address of this machine', async () => {
    const port = Number(new URL(inject('dynamoDbEndpoint')).port);

    // 127.0.0.1 is 0100007F in /proc/net/tcp, and ::ffff:127.0.0.1 ends in 0100007F in tcp6.
    const addresses = listeningAddresses(port);
    expect(addresses.length).toBeGreaterThan(0);
    for (const address of addresses) expect(address.endsWith('0100007F')).toBe(true);

    expect(await connects('127.0.0.1', port)).toBe(true);
    const external = Object.values(networkInterfaces())
      .flat()
      .filter((entry) => entry !== undefined && !entry.internal && entry.family === 'IPv4');
    for (const entry of external) expect(await connects(entry?.address ?? '', port)).toBe(false);
  });

  it('dies with the process that started it, even when that process is killed with SIGKILL', async () => {
    const parent = spawn(
      process.execPath,
      ['--import', 'tsx', path.join('test', 'support', 'dynamodb-local-child.ts')],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const started = await new Promise<{ javaPid: number }>((resolve, reject) => {
      let output = '';
      parent.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const line = output.split('\n').find((text) => text.startsWith('{'));
        if (line !== undefined) resolve(JSON.parse(line));
      });
      parent.once('exit', (code) =>
        reject(new Error(`the child exited (${code}) before DynamoDB Local was up`)),
      );
    });
    expect(isAlive(started.javaPid)).toBe(true);

    parent.kill('SIGKILL');

    const deadline = Date.now() + 20_000;
    while (isAlive(started.javaPid) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    const orphaned = isAlive(started.javaPid);
    if (orphaned) process.kill(started.javaPid, 'SIGKILL');
    expect(orphaned).toBe(false);
  }, 90_000);

  it('stops within seconds when the JVM does not answer SIGTERM, and at once when it already died by a signal', async () => {
    const suspended = await startDynamoDbLocal(await freePort());
    const suspendedPid = suspended.pid ?? 0;
    // A suspended process holds SIGTERM pending for ever; only SIGKILL ends it.
    process.kill(suspendedPid, 'SIGSTOP');
    const started = Date.now();
    await suspended.stop();
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(isAlive(suspendedPid)).toBe(false);

    const killed = await startDynamoDbLocal(await freePort());
    const killedPid = killed.pid ?? 0;
    process.kill(killedPid, 'SIGKILL');
    while (isAlive(killedPid)) await new Promise((resolve) => setTimeout(resolve, 50));
    // Its 'exit' event has fired already (exit code null, signal SIGKILL): stop must not wait for another.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const stopping = Date.now();
    await killed.stop();
    expect(Date.now() - stopping).toBeLessThan(1_000);
  }, 60_000);
});
