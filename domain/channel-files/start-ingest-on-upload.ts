import type { RecordStore } from '../shared/ports';
import { type ChannelFileData, parseUploadObjectKey } from './channel-file';
import type { IngestWorkflow } from './ports';

export interface StartIngestDeps {
  readonly files: RecordStore<ChannelFileData>;
  readonly workflow: IngestWorkflow;
}

/**
 * An object landed in the uploads bucket: start the ingest of the file it belongs to. Main course: the key
 * names a partner and a file → that file was announced by an upload request for that partner and that exact
 * key → its ingest workflow starts, named after the file, so the bucket's at-least-once delivery never
 * ingests a file twice. Any other object is left unread (`ignored`).
 */
export async function startIngestOnUpload(
  deps: StartIngestDeps,
  objectKey: string,
): Promise<{ readonly started: string } | { readonly ignored: string }> {
  const parsed = parseUploadObjectKey(objectKey);
  const file = parsed && (await deps.files.get(parsed.fileId));
  if (!parsed || !file || file.partnerId !== parsed.partnerId || file.objectKey !== objectKey) {
    return { ignored: objectKey };
  }
  await deps.workflow.start(file.fileId, file.fileId);
  return { started: file.fileId };
}
