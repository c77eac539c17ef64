import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * JSON records by id that outlive the process, as a service's own state outlives an outage on AWS: one file
 * per record in `directory` (written to a temporary name, then renamed, so a kill never leaves half a
 * record), or only in memory when there is no directory (`--in-memory`). Generic on purpose: the Step
 * Functions stand-in keeps its executions here, and waiting task tokens can live beside them.
 */
export class DurableRecords<T> {
  private readonly records = new Map<string, T>();

  constructor(private readonly directory: string | undefined) {
    if (directory === undefined) return;
    mkdirSync(directory, { recursive: true });
    for (const name of readdirSync(directory).filter((entry) => entry.endsWith('.json'))) {
      const { id, record } = JSON.parse(readFileSync(path.join(directory, name), 'utf8')) as {
        id: string;
        record: T;
      };
      this.records.set(id, record);
    }
  }

  get(id: string): T | undefined {
    return this.records.get(id);
  }

  all(): T[] {
    return [...this.records.values()];
  }

  put(id: string, record: T): void {
    this.records.set(id, record);
    if (this.directory === undefined) return;
    const file = path.join(this.directory, `${createHash('sha256').update(id).digest('hex')}.json`);
    writeFileSync(`${file}.tmp`, JSON.stringify({ id, record }));
    renameSync(`${file}.tmp`, file);
  }
}
