/**
 * CPU time a process has used (user + system), from Linux's /proc: on a machine shared with other busy
 * processes, milliseconds of CPU per claim say what a claim costs far better than claims per second.
 * Undefined where /proc is not there.
 */
import { existsSync, readFileSync } from 'node:fs';

const ticksPerSecond = 100;

export function cpuMilliseconds(pid: number | undefined): number | undefined {
  const file = `/proc/${pid}/stat`;
  if (pid === undefined || !existsSync(file)) return undefined;
  const stat = readFileSync(file, 'utf8');
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

/** The processes `pid` started (DynamoDB Local's Java for the local stack). */
export function childrenOf(pid: number | undefined): number[] {
  const file = `/proc/${pid}/task/${pid}/children`;
  if (pid === undefined || !existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}
