import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../infra/constructs/chrm-function';

interface RunningStack {
  readonly child: ChildProcess;
  readonly apiUrl: string;
  readonly tokens: Record<string, string>;
  readonly s3: string;
  readonly resumed: string[];
}

const dataDirectory = mkdtempSync(path.join(tmpdir(), 'chrm-restart-'));
const started: ChildProcess[] = [];

/** Starts the local stack in a child process on the shared data dir and waits for its "up" line. */
async function startStack(seed: boolean): Promise<RunningStack> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join('test', 'support', 'local-stack-child.ts'),
      dataDirectory,
      seed ? 'seed' : 'no-seed',
    ],
    { cwd: repositoryRoot, env: process.env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  started.push(child);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    if (line.startsWith('{')) return { child, ...JSON.parse(line) };
  }
  throw new Error(`the local stack exited (code ${child.exitCode}) before it was up`);
}

/** Every process below `pid` (DynamoDB Local's Java), which a SIGKILL of `pid` would leave running. */
function descendants(pid: number): number[] {
  const listing = spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' });
  const children = listing.stdout.trim() === '' ? [] : listing.stdout.trim().split(/\s+/).map(Number);
  return children.flatMap((child) => [child, ...descendants(child)]);
}

function killHard(child: ChildProcess) {
  const below = descendants(child.pid ?? 0);
  child.kill('SIGKILL');
  for (const pid of below) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch (error) {
      // Already gone (tsx's child exits once its parent is killed): that is what we wanted.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
}

afterAll(() => {
  for (const child of started) if (child.exitCode === null) killHard(child);
  rmSync(dataDirectory, { recursive: true, force: true });
});

const lineCount = 6_000;
const csv = [
  'invoice_number,invoice_line,invoice_date,sku,quantity,uom,unit_price,end_customer_id',
  ...Array.from({ length: lineCount }, (_, n) => `RESTART-${n},1,2026-04-02,SW-0001,1,EA,400.00,C-${n}`),
].join('\n');

describe('killing the local stack mid-ingest and starting it again', () => {
  it('finishes the file by itself, exactly once per line, and keeps the S3 port of presigned URLs', {
    timeout: 600_000,
  }, async () => {
    const first = await startStack(true);
    const token = first.tokens['demo-partner-res-acme'] ?? '';
    const call = (stack: RunningStack, method: string, route: string, body?: unknown) =>
      fetch(`${stack.apiUrl}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
      }).then((response) => response.json() as Promise<any>);
    const body = Buffer.from(csv);
    const ticket = await call(first, 'POST', '/uploads', {
      kind: 'pos',
      fileName: 'restart.csv',
      contentType: 'text/csv',
      sizeBytes: body.length,
    });
    const fileId: string = ticket.file.fileId;
    await fetch(ticket.uploadUrl, { method: 'PUT', headers: ticket.requiredHeaders, body });

    // Kill it once some batches are stored but the file is far from done.
    let killedAt = 0;
    for (let attempt = 0; attempt < 1_200 && killedAt < 1_000; attempt++) {
      killedAt = (await call(first, 'GET', `/channel-files/${fileId}`)).checkpointLine ?? 0;
      if (killedAt < 1_000) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    killHard(first.child);
    expect(killedAt).toBeGreaterThanOrEqual(1_000);
    expect(killedAt).toBeLessThan(lineCount);

    const second = await startStack(false);
    expect(second.s3).toBe(first.s3);
    expect(second.resumed).toContain(fileId);
    let file = await call(second, 'GET', `/channel-files/${fileId}`);
    for (let attempt = 0; attempt < 2_400 && file.status === 'processing'; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      file = await call(second, 'GET', `/channel-files/${fileId}`);
    }
    expect(file).toMatchObject({
      status: 'completed',
      counts: { lines: lineCount, accepted: lineCount, restated: 0, unchanged: 0, rejected: 0 },
    });
    const invoices = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await call(
        second,
        'GET',
        `/channel-files/${fileId}/lines?limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      for (const line of page.items) invoices.add(line.invoiceNumber);
      cursor = page.nextCursor;
    } while (cursor);
    expect(invoices.size).toBe(lineCount);
    second.child.kill('SIGTERM');
  });
});
