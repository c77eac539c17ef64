import { vi } from 'vitest';

/** What the code under test writes to stdout (Powertools' log lines and metrics), kept off the console. */
export function capturedStdout(): string[] {
  const written: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    written.push(String(chunk));
    return true;
  });
  return written;
}
