import { describe, expect, it } from 'vitest';
import { zeroCounts } from '../../../domain/channel-files/channel-file';
import { failChannelFile, retryChannelFile } from '../../../domain/channel-files/file-recovery';
import {
  ForbiddenError,
  NotFoundError,
  StateConflictError,
  ValidationError,
} from '../../../domain/shared/errors';
import { admin, approver, channelManager, finance, partnerUser } from '../../support/actors';
import { recoveryWorld } from './recovery-fakes';

describe('retrying a channel file (staff)', () => {
  it('restarts a failed file from line 1 with zero counts (its lines were withdrawn), audited with who and when', async () => {
    const world = recoveryWorld();
    await world.addFile('file-failed', { status: 'failed', failureReason: 'boom', completedAt: 'x' });

    const file = await retryChannelFile(world.deps, channelManager, { fileId: 'file-failed' });

    expect(file).toMatchObject({ status: 'processing', checkpointLine: 0, ingestAttempts: 1 });
    expect(file.counts).toEqual(zeroCounts);
    expect(file.failureReason).toBeUndefined();
    expect(file.operations).toEqual([{ action: 'retry', by: 'u-cm', at: '2026-04-01T10:00:00.000Z' }]);
    expect(world.started).toEqual(['file-failed-attempt-1']);
  });

  it('restarts a stalled file, but refuses (409) one still making progress and one completed', async () => {
    const world = recoveryWorld();
    await world.addFile('file-busy');
    await world.addFile('file-done', { status: 'completed' });
    await expect(retryChannelFile(world.deps, admin, { fileId: 'file-busy' })).rejects.toThrow(
      StateConflictError,
    );
    await expect(retryChannelFile(world.deps, admin, { fileId: 'file-done' })).rejects.toThrow(
      StateConflictError,
    );
    world.advanceMinutes(20);
    await retryChannelFile(world.deps, admin, { fileId: 'file-busy' });
    expect(world.started).toEqual(['file-busy-attempt-1']);
  });

  it('is refused to partners (their own file: 403; another partner: 404), approvers and finance', async () => {
    const world = recoveryWorld();
    await world.addFile('file-failed', { status: 'failed' });
    for (const actor of [partnerUser('P-1'), approver, finance]) {
      await expect(retryChannelFile(world.deps, actor, { fileId: 'file-failed' })).rejects.toThrow(
        ForbiddenError,
      );
    }
    await expect(retryChannelFile(world.deps, partnerUser('P-2'), { fileId: 'file-failed' })).rejects.toThrow(
      NotFoundError,
    );
    expect(world.started).toEqual([]);
  });
});

describe('failing a channel file (staff)', () => {
  it('fails a file without an outcome, with the reason on the file, its audit and its event', async () => {
    const world = recoveryWorld();
    await world.addFile('file-stuck');

    const file = await failChannelFile(world.deps, admin, { fileId: 'file-stuck', reason: 'wrong month' });

    expect(file).toMatchObject({ status: 'failed', failureReason: 'wrong month' });
    expect(file.operations).toEqual([
      { action: 'fail', by: 'u-admin', at: '2026-04-01T10:00:00.000Z', reason: 'wrong month' },
    ]);
    expect(world.published.at(-1)).toMatchObject({
      detail: { fileId: 'file-stuck', status: 'failed', failureReason: 'wrong month' },
    });
  });

  it('refuses a final file (409) and a blank reason (400)', async () => {
    const world = recoveryWorld();
    await world.addFile('file-done', { status: 'completed_with_rejections' });
    await world.addFile('file-open');
    await expect(failChannelFile(world.deps, admin, { fileId: 'file-done', reason: 'late' })).rejects.toThrow(
      StateConflictError,
    );
    await expect(failChannelFile(world.deps, admin, { fileId: 'file-open', reason: ' ' })).rejects.toThrow(
      ValidationError,
    );
  });
});
