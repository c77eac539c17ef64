import { expect } from 'vitest';
import { eventually } from './approval-inbox';
import type { ApiClient } from './local-api';

/** Uploads a canonical CSV of `kind` for the token's partner and waits for its ingest; the completed file. */
export async function uploadChannelCsv(
  api: ApiClient,
  token: string | undefined,
  kind: 'pos' | 'inventory',
  fileName: string,
  csv: string,
) {
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

/** Uploads a canonical POS CSV for the token's partner and waits for its ingest; the completed file. */
export const uploadPos = (api: ApiClient, token: string | undefined, fileName: string, csv: string) =>
  uploadChannelCsv(api, token, 'pos', fileName, csv);
