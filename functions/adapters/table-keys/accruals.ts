import type { ItemKey, ListIndexKey } from './item-key';

/**
 * Rebate programs, their versions, and the accrual runs that compute them.
 *
 * | item              | pk                     | sk                          | gsi1pk                    | gsi1sk                  |
 * |-------------------|------------------------|-----------------------------|---------------------------|-------------------------|
 * | program           | PROGRAM#<programId>    | PROGRAM                     | PROGRAMS                  | <status>#<programId>    |
 * | program version   | PROGRAM#<programId>    | VERSION#<version, 6 digits> | PROGRAMVERSIONS#<programId> | <version, 6 digits>   |
 * | accrual run       | RUN#<runId>            | RUN                         | RUNS                      | <runId>                 |
 *
 * Access patterns (numbered across the table):
 * 13. programs, optionally of one status; a program's versions   → Query gsi1 PROGRAMS (begins_with <status>#) / PROGRAMVERSIONS#<id>
 * 14. accrual runs, newest last                                 → Query gsi1 RUNS
 */

export const programKey = (programId: string): ItemKey => ({ pk: `PROGRAM#${programId}`, sk: 'PROGRAM' });
export const programListKey = (status: string, programId: string): ListIndexKey => ({
  gsi1pk: 'PROGRAMS',
  gsi1sk: `${status}#${programId}`,
});
const versionNumberKey = (version: number) => String(version).padStart(6, '0');
export const programVersionKey = (programId: string, version: number): ItemKey => ({
  pk: `PROGRAM#${programId}`,
  sk: `VERSION#${versionNumberKey(version)}`,
});
export const programVersionsPartition = (programId: string) => `PROGRAMVERSIONS#${programId}`;
export const programVersionListKey = (programId: string, version: number): ListIndexKey => ({
  gsi1pk: programVersionsPartition(programId),
  gsi1sk: versionNumberKey(version),
});

export const accrualRunKey = (runId: string): ItemKey => ({ pk: `RUN#${runId}`, sk: 'RUN' });
export const accrualRunListKey = (runId: string): ListIndexKey => ({ gsi1pk: 'RUNS', gsi1sk: runId });
