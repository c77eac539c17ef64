import type { ChannelFileData } from '../../../domain/channel-files/channel-file';
import { zeroCounts } from '../../../domain/channel-files/channel-file';
import type { FileRecoveryDeps, InFlightFiles } from '../../../domain/channel-files/ports';
import type { Stored } from '../../../domain/shared/ports';
import type { DomainEvent } from '../../../events/domain-event';
import { InMemoryRecordStore } from '../../support/in-memory-record-store';

/** Files in memory, a recording workflow and bus, and a clock the test moves. */
export function recoveryWorld(start = '2026-04-01T10:00:00.000Z') {
  let now = new Date(start);
  const files = new InMemoryRecordStore<ChannelFileData>((file) => file.fileId);
  const started: string[] = [];
  const published: DomainEvent[] = [];
  const withdrawn: string[] = [];
  const inFlight: InFlightFiles = {
    notUpdatedSince: async (before, limit) =>
      [...files.records.values()]
        .filter((file) => ['received', 'processing'].includes(file.status) && file.updatedAt < before)
        .slice(0, limit),
  };
  const deps: FileRecoveryDeps & { inFlight: InFlightFiles } = {
    files,
    lines: {
      withdrawFileLines: async (fileId) => {
        withdrawn.push(fileId);
        return 0;
      },
    },
    inFlight,
    workflow: { start: async (_fileId, executionName) => void started.push(executionName) },
    events: { publish: async (event) => void published.push(event) },
    clock: () => now,
  };
  /** Adds a file processing since now; `changes` set fields, or remove them with undefined. */
  const addFile = async (
    fileId: string,
    changes: { [K in keyof Stored<ChannelFileData>]?: Stored<ChannelFileData>[K] | undefined } = {},
  ) => {
    const at = now.toISOString();
    const file = {
      fileId,
      partnerId: 'P-1',
      kind: 'pos',
      fileName: 'f.csv',
      contentType: 'text/csv',
      declaredSizeBytes: 10,
      objectKey: `uploads/P-1/${fileId}/f.csv`,
      requestedBy: 'u-P-1',
      status: 'processing',
      sha256: 'abc',
      checkpointLine: 30_000,
      counts: zeroCounts,
      version: 1,
      createdAt: at,
      updatedAt: at,
      ...changes,
    };
    await files.create(
      Object.fromEntries(
        Object.entries(file).filter(([, value]) => value !== undefined),
      ) as unknown as Stored<ChannelFileData>,
    );
  };
  const advanceMinutes = (minutes: number) => {
    now = new Date(now.getTime() + minutes * 60_000);
  };
  return { deps, files, started, published, withdrawn, addFile, advanceMinutes };
}
