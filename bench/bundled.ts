import { execFile } from 'node:child_process';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';

/**
 * Runs a benchmark module the way the Lambdas run the code it measures: bundled by esbuild into one file
 * (as `ChrmFunction` deploys them; V8 optimizes a bundle's calls better than the separate modules tsx
 * loads), in a node process of its own. The module prints its result as one JSON line when given `--json`.
 */
export async function runBundled(entry: string): Promise<Record<string, unknown>> {
  // Next to the entry, so that paths the module derives from its own location stay the same.
  const outfile = join(import.meta.dirname, `${basename(entry, '.ts')}.bundle.mjs`);
  await build({
    entryPoints: [join(import.meta.dirname, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    outfile,
    logLevel: 'warning',
  });
  const { stdout } = await promisify(execFile)(process.execPath, [outfile, '--json'], {
    maxBuffer: 16 * 1024 * 1024,
  });
  const last = stdout.trim().split('\n').at(-1) ?? '{}';
  return JSON.parse(last) as Record<string, unknown>;
}
