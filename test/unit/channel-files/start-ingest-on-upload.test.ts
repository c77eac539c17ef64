import { describe, expect, it } from 'vitest';
import { startIngestOnUpload } from '../../../domain/channel-files/start-ingest-on-upload';
import { recoveryWorld } from './recovery-fakes';

describe('an object landing in the uploads bucket', () => {
  it('starts the ingest of the file announced for that key, named after the file', async () => {
    const world = recoveryWorld();
    await world.addFile('file-0001', { status: 'awaiting_upload' });
    const outcome = await startIngestOnUpload(world.deps, 'uploads/P-1/file-0001/f.csv');
    expect(outcome).toEqual({ started: 'file-0001' });
    expect(world.started).toEqual(['file-0001']);
  });

  it("leaves unread an object no upload request announced, one under another partner's prefix, or another key", async () => {
    const world = recoveryWorld();
    await world.addFile('file-0001', { status: 'awaiting_upload' });
    for (const key of [
      'uploads/P-1/file-9999/f.csv',
      'uploads/P-2/file-0001/f.csv',
      'uploads/P-1/file-0001/other.csv',
      'elsewhere/f.csv',
    ]) {
      expect(await startIngestOnUpload(world.deps, key)).toEqual({ ignored: key });
    }
    expect(world.started).toEqual([]);
  });
});
