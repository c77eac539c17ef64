import { describe, expect, it } from 'vitest';
import { maxIngestAttempts, reconcileStuckFiles } from '../../../domain/channel-files/reconcile-stuck-files';
import { recoveryWorld } from './recovery-fakes';

describe('reconciling stuck files', () => {
  it('restarts a file with no progress for 20 minutes as execution <fileId>-attempt-1, from its checkpoint, audited', async () => {
    const world = recoveryWorld();
    await world.addFile('file-stuck-1');
    world.advanceMinutes(21);

    const result = await reconcileStuckFiles(world.deps, { limit: 100 });

    expect(result).toEqual({ restarted: ['file-stuck-1'], failed: [] });
    expect(world.started).toEqual(['file-stuck-1-attempt-1']);
    const file = await world.files.get('file-stuck-1');
    expect(file).toMatchObject({ status: 'processing', checkpointLine: 30_000, ingestAttempts: 1 });
    expect(file?.operations).toEqual([
      {
        action: 'retry',
        by: 'reconciler',
        at: '2026-04-01T10:21:00.000Z',
        reason: 'no progress since 2026-04-01T10:00:00.000Z',
      },
    ]);
  });

  it('leaves alone files that progressed within 20 minutes, and files with an outcome', async () => {
    const world = recoveryWorld();
    await world.addFile('file-old-done', { status: 'completed' });
    await world.addFile('file-old-failed', { status: 'failed' });
    world.advanceMinutes(19);
    await world.addFile('file-recent');
    world.advanceMinutes(2);

    const result = await reconcileStuckFiles(world.deps, { limit: 100 });

    expect(result).toEqual({ restarted: [], failed: [] });
    expect(world.started).toEqual([]);
  });

  it(`fails a file after ${maxIngestAttempts} restarts without progress, with the reason, and publishes it`, async () => {
    const world = recoveryWorld();
    await world.addFile('file-hopeless');
    for (let round = 0; round <= maxIngestAttempts; round++) {
      world.advanceMinutes(21);
      await reconcileStuckFiles(world.deps, { limit: 100 });
    }

    expect(world.started).toEqual([1, 2, 3].map((attempt) => `file-hopeless-attempt-${attempt}`));
    const file = await world.files.get('file-hopeless');
    expect(file?.status).toBe('failed');
    expect(file?.failureReason).toMatch(/^No ingest progress since .* after 3 restarts/);
    expect(file?.operations?.map((operation) => operation.action)).toEqual([
      'retry',
      'retry',
      'retry',
      'fail',
    ]);
    expect(world.published.at(-1)).toMatchObject({ detail: { fileId: 'file-hopeless', status: 'failed' } });
  });

  it('restarts a stuck received file (never fingerprinted) back to received', async () => {
    const world = recoveryWorld();
    await world.addFile('file-received', { status: 'received', sha256: undefined });
    world.advanceMinutes(30);

    await reconcileStuckFiles(world.deps, { limit: 100 });

    expect((await world.files.get('file-received'))?.status).toBe('received');
    expect(world.started).toEqual(['file-received-attempt-1']);
  });
});
