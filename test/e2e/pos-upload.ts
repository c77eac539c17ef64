import { expect } from 'vitest';
import { eventually } from './approval-inbox';
import type { ApiClient } from './local-api';

/** Uploads a canonical POS CSV for the token's partner and waits for its ingest; the completed file. */
export function uploadPos(api: ApiClient, token: string | undefined, fileName: string, csv: string) {
  return uploadCanonicalCsv(api, token, { kind: 'pos', fileName, csv });
}

/** Uploads a canonical CSV of a kind (POS or inventory) for the token's partner; the completed file. */
export async function uploadCanonicalCsv(
  api: ApiClient,
  token: string | undefined,
  upload: { readonly kind: 'pos' | 'inventory'; readonly fileName: string; readonly csv: string },
) {
  const { kind, fileName, csv } = upload;
  const ticket = await api('POST', '/uploads', {
    token,
    body: { kind, fileName, contentType: 'text/csv', sizeBytes: Buffer.byteLength(csv) },
  });
  expect(ticket.status).toBe(201);
  await fetch(ticket.json.uploadUrl, { method: 'PUT', headers: ticket.json.requiredHeaders, body: csv });
  const file = await eventually(
    async () => (await api('GET', `/channel-files/${ticket.json.file.fileId}`, { token })).json,
    (read) => !['awaiting_upload', 'received', 'processing'].includes(read.status),
  );
  expect(file.status).toBe('completed');
  return file;
}
