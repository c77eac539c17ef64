import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assertPortFree, freePort, LocalSetupError } from './preflight';

/**
 * A port kept across restarts in `<dataDirectory>/ports.json`: the first start picks one (or takes the one
 * asked for) and records it, later starts reuse it. S3 needs this: presigned upload URLs name the port, and a
 * partner may still hold one issued before a restart. A kept port that is taken fails the start clearly.
 */
export async function keptPort(
  dataDirectory: string,
  service: string,
  requested: number | undefined,
): Promise<number> {
  const file = path.join(dataDirectory, 'ports.json');
  const ports = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>) : {};
  const kept = ports[service];
  if (requested === undefined || requested === 0) {
    if (kept !== undefined) {
      await assertPortFree(kept, service).catch(() => {
        throw new LocalSetupError(
          `Port ${kept} (${service}) is in use. ${service} keeps the port of its first start (in ${file}) so ` +
            'URLs issued before a restart still work: stop what uses it, or delete that entry to pick a new one.',
        );
      });
      return kept;
    }
  } else await assertPortFree(requested, service);
  const port = requested || (await freePort());
  mkdirSync(dataDirectory, { recursive: true });
  writeFileSync(file, JSON.stringify({ ...ports, [service]: port }, null, 2));
  return port;
}
