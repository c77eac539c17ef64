import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repositoryRoot } from '../constructs/chrm-function';
import type { ChrmTemplates } from './template';

/** What the templates are made from: the CDK app, the route table and schemas it reads, and the CDK version. */
const sourceDirectories = ['infra', 'functions', 'domain', 'events'];
const sourceFiles = ['package-lock.json', 'cdk.json'];
const cacheDirectory = path.join(repositoryRoot, 'node_modules', '.cache', 'chrm-templates');

function typeScriptFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(directory, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : typeScriptFiles(full);
      return entry.name.endsWith('.ts') ? [full] : [];
    })
    .sort();
}

/** A digest of every source file the synthesized templates could depend on. */
function sourceDigest(): string {
  const hash = createHash('sha256');
  const files = [
    ...sourceDirectories.flatMap((directory) => typeScriptFiles(path.join(repositoryRoot, directory))),
    ...sourceFiles.map((file) => path.join(repositoryRoot, file)),
  ];
  for (const file of files) {
    hash.update(path.relative(repositoryRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

/**
 * ChRM's synthesized templates, from a cache keyed by a digest of their sources. The first synthesis in a
 * process costs ~5 s (the CDK loads lazily); the local stack starts many times in the tests, and a change
 * to any source makes a new key, so a stale template is never served.
 */
export async function chrmTemplates(): Promise<ChrmTemplates> {
  const cached = path.join(cacheDirectory, `${sourceDigest()}.json`);
  try {
    return JSON.parse(readFileSync(cached, 'utf8')) as ChrmTemplates;
  } catch {
    const { synthesizeTemplates } = await import('./synthesize-templates');
    const templates = synthesizeTemplates();
    mkdirSync(cacheDirectory, { recursive: true });
    // Written under a unique name and renamed, so a parallel reader sees a whole file or none.
    const partial = `${cached}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(templates));
    renameSync(partial, cached);
    // Templates of earlier sources are never read again.
    for (const entry of readdirSync(cacheDirectory)) {
      if (entry.endsWith('.json') && path.join(cacheDirectory, entry) !== cached) {
        rmSync(path.join(cacheDirectory, entry), { force: true });
      }
    }
    return templates;
  }
}
