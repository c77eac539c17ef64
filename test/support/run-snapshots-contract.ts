import { beforeAll, describe, expect, it } from 'vitest';
import type { RunSnapshots } from '../../domain/accrual-runs/ports';
import type { ProgramComputation } from '../../domain/accrual-runs/program-computation';
import { saleLine } from '../unit/accruals/builders';

/** Program `programId`'s result in a run: one scope, earned 12.50 USD, no entries kept. */
const computation = (programId: string): ProgramComputation => ({
  programId,
  programVersion: 3,
  scopes: [],
  grainEntries: [],
  entryCount: 0,
  skippedLines: 1,
  earned: { 'P1/2026-03': '12.50' },
  entriesFingerprint: `fingerprint-${programId}`,
  standings: [],
});

/**
 * The RunSnapshots contract, run against the in-memory fake (unit suite) and the S3 adapter against s3rver
 * (integration suite): a run's lines, its programs' results and its change counters read back exactly as
 * written (a rewrite wins), null where a run wrote no results or counters and a failed read where it wrote no
 * lines; the last completed run is the one remembered last.
 */
export function runSnapshotsContract(label: string, open: () => Promise<RunSnapshots>) {
  describe(`${label} keeps the RunSnapshots contract`, () => {
    let snapshots: RunSnapshots;

    beforeAll(async () => {
      snapshots = await open();
    });

    it("reads a run's lines back as written, in order; a rewrite of them wins; a run that wrote none fails to read", async () => {
      const lines = [
        saleLine({ lineId: 'P1/INV-2/1', extendedAmount: '20.25' }),
        saleLine({ lineId: 'P1/INV-1/1', extendedAmount: '10.75' }),
      ];
      await snapshots.write('CRS-RUN-0', []);
      await snapshots.write('CRS-RUN-1', lines);
      expect(await snapshots.read('CRS-RUN-0')).toEqual([]);
      expect(await snapshots.read('CRS-RUN-1')).toEqual(lines);
      // A run that wrote none is not a run of no lines: reusing or replaying it would compute nothing.
      await expect(snapshots.read('CRS-RUN-NONE')).rejects.toThrow();

      // A retried prepare step writes the run's lines again.
      await snapshots.write('CRS-RUN-1', lines.slice(1));
      expect(await snapshots.read('CRS-RUN-1')).toEqual(lines.slice(1));
    });

    it("reads each program's result and the run's change counters back as written; null where the run wrote none", async () => {
      const counters = [
        { partnerId: 'P1', month: '2026-03', changes: 4 },
        { partnerId: 'P2', month: '2026-03', changes: 0 },
      ];
      expect(await snapshots.readComputed('CRS-RUN-2', 'PRG/1')).toBeNull();
      expect(await snapshots.readLineCounters('CRS-RUN-2')).toBeNull();

      await snapshots.writeComputed('CRS-RUN-2', [computation('PRG/1'), computation('PRG-2')]);
      await snapshots.writeLineCounters('CRS-RUN-2', counters);

      expect(await snapshots.readComputed('CRS-RUN-2', 'PRG/1')).toEqual(computation('PRG/1'));
      expect(await snapshots.readComputed('CRS-RUN-2', 'PRG-2')).toEqual(computation('PRG-2'));
      expect(await snapshots.readComputed('CRS-RUN-2', 'PRG-3')).toBeNull();
      expect(await snapshots.readComputed('CRS-RUN-3', 'PRG-2')).toBeNull();
      expect(await snapshots.readLineCounters('CRS-RUN-2')).toEqual(counters);
    });

    it('remembers the run that completed last', async () => {
      expect(await snapshots.lastCompletedRun()).toBeNull();
      await snapshots.rememberCompletedRun('CRS-RUN-1');
      await snapshots.rememberCompletedRun('CRS-RUN-2');
      expect(await snapshots.lastCompletedRun()).toBe('CRS-RUN-2');
    });
  });
}
