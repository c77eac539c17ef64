import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processChannelFile } from '../../domain/channel-files/process-channel-file';
import { repositoryRoot } from '../../infra/constructs/chrm-function';
import { posFile, startChannelDataHarness } from '../support/channel-data-harness';

let harness: Awaited<ReturnType<typeof startChannelDataHarness>>;

beforeAll(async () => {
  harness = await startChannelDataHarness();
});

afterAll(async () => {
  await harness?.stop();
});

const lineCount = 6_000;

describe('killing the ingest process mid-file', () => {
  it('ends, after a re-run, with every line exactly once', { timeout: 240_000 }, async () => {
    const fileId = await harness.upload(posFile(lineCount, 100_000));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join('test', 'support', 'ingest-child.ts'), fileId],
      {
        cwd: repositoryRoot,
        env: process.env,
        stdio: 'ignore',
      },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));

    // Kill it once it has committed some batches but is far from done.
    const deadline = Date.now() + 90_000;
    let checkpoint = 0;
    while (Date.now() < deadline && child.exitCode === null) {
      checkpoint = (await harness.deps.files.get(fileId))?.checkpointLine ?? 0;
      if (checkpoint > 1_000) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    await exited;
    const killed = await harness.deps.files.get(fileId);
    expect(killed?.status).toBe('processing');
    expect(killed?.checkpointLine).toBeLessThan(lineCount);

    await processChannelFile(harness.deps, { fileId, deadline: Number.MAX_SAFE_INTEGER });
    const file = await harness.deps.files.get(fileId);
    expect(file?.status).toBe('completed');
    expect(file?.counts).toEqual({
      lines: lineCount,
      accepted: lineCount,
      restated: 0,
      unchanged: 0,
      rejected: 0,
    });
    let stored = 0;
    const invoices = new Set<unknown>();
    let cursor: string | undefined;
    do {
      const page = await harness.deps.queries.fileLines(fileId, { limit: 100, cursor });
      stored += page.items.length;
      for (const line of page.items) invoices.add(line.invoiceNumber);
      cursor = page.nextCursor;
    } while (cursor);
    expect(stored).toBe(lineCount);
    expect(invoices.size).toBe(lineCount);
  });
});
