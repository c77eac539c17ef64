import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Decimal } from 'decimal.js';
import { afterAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../infra/constructs/chrm-function';
import type { DemoSeedDepth } from '../../infra/local/local-stack';
import { upLinePrefix } from '../support/stack-up-line';
import { eventually } from './approval-inbox';
import { coopClaim } from './coop-claim';

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
async function startStack(seed: DemoSeedDepth | 'no-seed'): Promise<RunningStack> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join('test', 'support', 'local-stack-child.ts'), dataDirectory, seed],
    { cwd: repositoryRoot, env: process.env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  started.push(child);
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  for await (const line of lines) {
    if (line.startsWith(upLinePrefix)) return { child, ...JSON.parse(line.slice(upLinePrefix.length)) };
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

/** One API call as `token`: status and parsed JSON. */
async function request(stack: RunningStack, token: string, method: string, route: string, body?: unknown) {
  const response = await fetch(`${stack.apiUrl}${route}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON shapes
  return { status: response.status, json: (await response.json()) as any };
}

/** The stack a case left running on the data dir, for the next case to go on with (one start fewer). */
let running: RunningStack | undefined;

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
    const first = await startStack('programs');
    const token = first.tokens['demo-partner-res-acme'] ?? '';
    const call = async (stack: RunningStack, method: string, route: string, body?: unknown) =>
      (await request(stack, token, method, route, body)).json;
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

    const second = await startStack('no-seed');
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
    running = second;
  });
});

describe('killing the local stack while a claim waits for approval', () => {
  it('keeps the approval task in the inbox across a SIGKILL, and deciding it completes the workflow', {
    timeout: 600_000,
  }, async () => {
    const first = running ?? (await startStack('programs'));
    const north = first.tokens['demo-partner-dist-north'] ?? '';
    const approver = first.tokens['demo-approver'] ?? '';
    const claimedOnCoop = async (stack: RunningStack) => {
      const books = await request(stack, north, 'GET', '/partners/DIST-NORTH/checkbook?programId=COOP-2026');
      const book = books.json.items.find((item: { fund: string }) => item.fund === 'coop');
      return new Decimal(book?.claimed ?? '0');
    };
    const inboxTask = (stack: RunningStack, claimId: string) =>
      eventually(
        async () =>
          (await request(stack, approver, 'GET', '/approvals?limit=100')).json.items?.find(
            (item: { claimId: string }) => item.claimId === claimId,
          ),
        (task) => task !== undefined,
      );
    const claimedBefore = await claimedOnCoop(first);
    const submitted = await request(first, north, 'POST', '/claims', coopClaim('10.00', 'RESTART-CLAIM-1'));
    expect(submitted.json.status).toBe('validated');
    const claimId: string = submitted.json.claimId;
    const waiting = await inboxTask(first, claimId);
    expect(waiting).toBeDefined();

    killHard(first.child);
    const second = await startStack('no-seed');
    const afterRestart = await inboxTask(second, claimId);
    expect(afterRestart).toMatchObject({ taskId: waiting.taskId, status: 'waiting' });
    const decided = await request(second, approver, 'POST', `/approvals/${waiting.taskId}/decision`, {
      decision: 'approve',
    });
    expect(decided.status).toBe(200);

    const claim = await eventually(
      async () => (await request(second, north, 'GET', `/claims/${claimId}`)).json,
      (read) => read.status === 'approved',
    );
    expect(claim).toMatchObject({ status: 'approved', amountApproved: '10.00' });
    const claimed = await eventually(
      () => claimedOnCoop(second),
      (amount) => !amount.eq(claimedBefore),
    );
    expect(claimed.minus(claimedBefore).toFixed(2)).toBe('10.00');
    second.child.kill('SIGTERM');
  });
});
