import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../infra/constructs/chrm-function';

const started: ChildProcess[] = [];
afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
});

/** `npm start` as a user runs it (its own process, no demo data), with the API's handlers on one worker thread. */
async function npmStart() {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      path.join('infra', 'local', 'start.ts'),
      '--in-memory',
      '--no-seed',
      '--port',
      '0',
      '--function-workers',
      '1',
    ],
    { cwd: repositoryRoot, env: process.env, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  started.push(child);
  // Read to the end (the handlers log to stdout too), kept until the banner's last line is in.
  const printed: string[] = [];
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      printed.push(line);
      if (line.startsWith('Press Ctrl-C')) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`npm start exited (code ${code}) before it was up:\n${printed.join('\n')}`)),
    );
  });
  const apiUrl = printed.map((line) => /is up at (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1]).find(Boolean);
  const tokens = Object.fromEntries(
    printed.flatMap((line) => {
      const [, user, token] = /^ {2}(demo-[\w-]+) +(\S+)$/.exec(line) ?? [];
      return user && token ? [[user, token]] : [];
    }),
  );
  return { child, apiUrl, printed, tokens };
}

describe('npm start with the API handlers on worker threads', () => {
  it('answers through the workers, and Ctrl-C ends the process with its workers', async () => {
    const { child, apiUrl, printed, tokens } = await npmStart();
    expect(printed).toContain('API handlers run in 1 worker thread(s).');
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const get = (route: string, user: string) =>
      fetch(`${apiUrl}${route}`, { headers: { authorization: `Bearer ${tokens[user]}` } });
    const listed = await get('/partners', 'demo-admin');
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({ items: [] });
    // A handler's own error answer (problem+json) comes back from the worker as it is.
    const hidden = await get('/partners/DIST-NORTH', 'demo-partner-res-acme');
    expect(hidden.status).toBe(404);
    expect(hidden.headers.get('content-type')).toContain('application/problem+json');

    child.kill('SIGINT');
    expect(await exited).toBe(0);
  });
});
