/**
 * The npm registry mirror this project is built against serves the platform-specific optional packages only
 * for Linux (no @rollup/rollup-darwin-arm64 and the like), so `npm install` leaves them out of
 * package-lock.json and `npm ci` then refuses the lock file as out of sync. This adds the missing entries with
 * the os/cpu/libc they are for: npm skips them on other platforms and fetches them where they apply.
 *
 * Run after changing dependencies: `npm run lockfile:complete`.
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface LockEntry {
  version?: string;
  dev?: boolean;
  optional?: boolean;
  optionalDependencies?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
}

const osNames = [
  'android',
  'darwin',
  'freebsd',
  'linux',
  'netbsd',
  'openbsd',
  'openharmony',
  'sunos',
  'win32',
  'aix',
];
const cpuNames = ['arm64', 'x64', 'ia32', 'arm', 'loong64', 'ppc64', 'riscv64', 's390x', 'mips64el'];

/** Reads the platform from a package name such as `@rollup/rollup-linux-arm-musleabihf`. */
export function platformOf(name: string): Pick<LockEntry, 'os' | 'cpu' | 'libc'> {
  const parts = (name.split('/').pop() ?? name).split('-');
  const os = parts.find((part) => osNames.includes(part));
  const cpu = parts.find((part) => cpuNames.includes(part));
  if (!os || !cpu) throw new Error(`Cannot tell the platform of ${name}; add its lock entry by hand`);
  const musl = parts.some((part) => part.startsWith('musl'));
  return { os: [os], cpu: [cpu], ...(os === 'linux' ? { libc: [musl ? 'musl' : 'glibc'] } : {}) };
}

function complete(lockPath: string): string[] {
  const lock = JSON.parse(readFileSync(lockPath, 'utf8')) as { packages: Record<string, LockEntry> };
  const added: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
      const key = `node_modules/${name}`;
      if (lock.packages[key] || lock.packages[`${path}/${key}`]) continue;
      lock.packages[key] = {
        version,
        ...(entry.dev ? { dev: true } : {}),
        optional: true,
        ...platformOf(name),
      };
      added.push(`${name}@${version}`);
    }
  }
  writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
  return added;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const added = complete('package-lock.json');
  console.log(
    added.length ? `Added ${added.length} platform entries:\n  ${added.join('\n  ')}` : 'Lock file complete.',
  );
}
