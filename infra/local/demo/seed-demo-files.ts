import type { Actor } from '../../../domain/access/actor';
import { finalStatuses } from '../../../domain/channel-files/channel-file';
import { requestUpload } from '../../../domain/channel-files/request-upload';
import type { createChannelDataDeps } from '../../../functions/channel-data/create-channel-data-deps';
import { demoFiles } from './demo-files';

const uploader: Actor = { userId: 'demo-seed', role: 'channel_manager' };

export interface SeededFile {
  readonly partnerId: string;
  readonly fileName: string;
  readonly status: string;
  readonly counts: unknown;
}

/**
 * Uploads the demo partner files the way a partner portal would (upload request, then PUT to the presigned
 * URL), so the S3 notification and the ingest workflow process them, and waits for their outcome. A partner
 * that already has files is skipped, which keeps restarts from uploading the same files again.
 */
export async function seedDemoFiles(deps: ReturnType<typeof createChannelDataDeps>): Promise<SeededFile[]> {
  const uploaded: string[] = [];
  for (const file of await demoFiles()) {
    const existing = await deps.files.list({ limit: 1, group: file.partnerId });
    if (existing.items.length > 0) continue;
    const ticket = await requestUpload(deps, uploader, {
      kind: file.kind,
      fileName: file.fileName,
      contentType: file.contentType,
      sizeBytes: file.body.length,
      partnerId: file.partnerId,
    });
    const response = await fetch(ticket.uploadUrl, {
      method: 'PUT',
      headers: ticket.requiredHeaders,
      body: file.body,
    });
    if (!response.ok) throw new Error(`Demo upload of ${file.fileName} failed: HTTP ${response.status}`);
    uploaded.push(ticket.file.fileId);
  }
  const seeded: SeededFile[] = [];
  for (const fileId of uploaded) {
    let file = await deps.files.get(fileId);
    for (let attempt = 0; attempt < 600 && !(file && finalStatuses.includes(file.status)); attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      file = await deps.files.get(fileId);
    }
    if (file)
      seeded.push({
        partnerId: file.partnerId,
        fileName: file.fileName,
        status: file.status,
        counts: file.counts,
      });
  }
  return seeded;
}
