import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, StateConflictError } from '../../../domain/shared/errors';
import type { DebitAuthorization } from '../../../domain/ship-and-debit/debit-authorization';
import {
  attachmentUploadSchema,
  listAttachments,
  requestAttachmentUpload,
} from '../../../domain/ship-and-debit/debit-authorization-attachments';
import { approver, channelManager, finance, partnerUser } from '../../support/actors';
import { sampleAuthorization } from './authorization-fixtures';
import { InMemoryEvidenceLibrary } from './fakes';

const now = new Date('2026-11-02T09:00:00.000Z');
const prefix = 'attachments/DIST-001/DA-2026-0042/';
const pdf = { fileName: 'Competitor quote (Q4).pdf', contentType: 'application/pdf', sizeBytes: 48_213 };

function setup(patch: Partial<DebitAuthorization> = { status: 'requested' }) {
  const authorization = sampleAuthorization(patch);
  const attachments = new InMemoryEvidenceLibrary();
  let ids = 0;
  const deps = {
    authorizations: {
      get: async (n: string) => (n === authorization.authorizationNumber ? authorization : undefined),
      getAll: async () => new Map(),
      create: async () => false,
      replace: async () => false,
      list: async () => ({ items: [] }),
    },
    attachments,
    clock: () => now,
    newId: () => `ATT-${++ids}`,
  };
  return { deps, attachments };
}

const north = partnerUser('DIST-001');
const other = partnerUser('DIST-002');

describe('attachment uploads of a debit authorization request', () => {
  it('the requesting partner gets a PUT signed for the declared type and size under attachments/<partner>/<number>/, valid 15 minutes', async () => {
    const { deps, attachments } = setup();

    const ticket = await requestAttachmentUpload(deps, north, 'DA-2026-0042', pdf);

    expect(ticket).toEqual({
      key: `${prefix}ATT-1/Competitor_quote__Q4_.pdf`,
      uploadUrl: `https://uploads.example/${prefix}ATT-1/Competitor_quote__Q4_.pdf?put`,
      expiresAt: '2026-11-02T09:15:00.000Z',
      requiredHeaders: { 'content-type': 'application/pdf' },
    });
    expect(attachments.signedPuts).toEqual([
      { key: ticket.key, contentType: 'application/pdf', contentLength: 48_213 },
    ]);
  });

  it('another partner gets 404, roles other than partner and channel manager 403, an unknown number 404', async () => {
    const { deps, attachments } = setup();

    await expect(requestAttachmentUpload(deps, other, 'DA-2026-0042', pdf)).rejects.toThrow(NotFoundError);
    await expect(requestAttachmentUpload(deps, approver, 'DA-2026-0042', pdf)).rejects.toThrow(
      ForbiddenError,
    );
    await expect(requestAttachmentUpload(deps, finance, 'DA-2026-0042', pdf)).rejects.toThrow(ForbiddenError);
    await expect(requestAttachmentUpload(deps, north, 'DA-NOPE', pdf)).rejects.toThrow(NotFoundError);
    expect(attachments.signedPuts).toEqual([]);
  });

  it('once decided: the partner gets 409; a channel manager may still attach (an amendment’s backing) until it is cancelled or expired', async () => {
    const approved = setup({ status: 'approved' });
    await expect(requestAttachmentUpload(approved.deps, north, 'DA-2026-0042', pdf)).rejects.toThrow(
      StateConflictError,
    );
    await expect(
      requestAttachmentUpload(approved.deps, channelManager, 'DA-2026-0042', pdf),
    ).resolves.toMatchObject({
      key: `${prefix}ATT-1/Competitor_quote__Q4_.pdf`,
    });
    for (const status of ['cancelled', 'expired'] as const) {
      const closed = setup({ status });
      await expect(requestAttachmentUpload(closed.deps, channelManager, 'DA-2026-0042', pdf)).rejects.toThrow(
        StateConflictError,
      );
    }
  });

  it('refuses the 21st attachment with 409', async () => {
    const { deps, attachments } = setup();
    for (let n = 1; n <= 20; n++) {
      const key = `${prefix}ATT-0${n}/page-${n}.png`;
      attachments.objects.set(key, {
        key,
        sizeBytes: 10,
        contentType: 'image/png',
        uploadedAt: now.toISOString(),
      });
    }

    await expect(requestAttachmentUpload(deps, north, 'DA-2026-0042', pdf)).rejects.toThrow(/20 attachments/);
  });

  it('takes JPEG, PNG, PDF, CSV and XLSX of 1 byte to 20 MiB; anything else names contentType or sizeBytes', () => {
    const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    for (const contentType of ['image/jpeg', 'image/png', 'application/pdf', 'text/csv', xlsx]) {
      expect(attachmentUploadSchema.safeParse({ ...pdf, contentType }).success).toBe(true);
    }
    const paths = (body: object) =>
      attachmentUploadSchema
        .safeParse({ ...pdf, ...body })
        .error?.issues.map((issue) => issue.path.join('.'));
    expect(paths({ contentType: 'text/html' })).toEqual(['contentType']);
    expect(paths({ sizeBytes: 0 })).toEqual(['sizeBytes']);
    expect(paths({ sizeBytes: 20 * 1024 ** 2 + 1 })).toEqual(['sizeBytes']);
    expect(paths({ sizeBytes: 20 * 1024 ** 2 })).toBeUndefined();
  });
});

describe('the attachments of a debit authorization', () => {
  function withUploads() {
    const context = setup();
    const put = (key: string, contentType: string, uploadedAt: string) =>
      context.attachments.objects.set(key, { key, sizeBytes: 2048, contentType, uploadedAt });
    put(
      `${prefix}ATT-2/rfq.xlsx`,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      '2026-11-01T10:00:00.000Z',
    );
    put(`${prefix}ATT-1/quote.pdf`, 'application/pdf', '2026-11-01T08:00:00.000Z');
    // Not a type we take (S3 would have refused it against the signature): never handed out.
    put(`${prefix}ATT-3/page.html`, 'text/html', '2026-11-01T11:00:00.000Z');
    return context;
  }

  it('lists them oldest first with their file name, type, size, upload time and a download URL valid 5 minutes, for the partner and for approvers', async () => {
    const { deps } = withUploads();

    const forPartner = await listAttachments(deps, north, 'DA-2026-0042');
    const forApprover = await listAttachments(deps, approver, 'DA-2026-0042');

    expect(forPartner).toEqual({
      authorizationNumber: 'DA-2026-0042',
      items: [
        {
          key: `${prefix}ATT-1/quote.pdf`,
          fileName: 'quote.pdf',
          contentType: 'application/pdf',
          sizeBytes: 2048,
          uploadedAt: '2026-11-01T08:00:00.000Z',
          downloadUrl: `https://uploads.example/${prefix}ATT-1/quote.pdf?get&name=quote.pdf&ttl=300`,
          downloadUrlExpiresAt: '2026-11-02T09:05:00.000Z',
        },
        expect.objectContaining({ fileName: 'rfq.xlsx', uploadedAt: '2026-11-01T10:00:00.000Z' }),
      ],
    });
    expect(forApprover).toEqual(forPartner);
  });

  it('another partner gets 404, never a list', async () => {
    const { deps } = withUploads();

    await expect(listAttachments(deps, other, 'DA-2026-0042')).rejects.toThrow(NotFoundError);
  });
});
