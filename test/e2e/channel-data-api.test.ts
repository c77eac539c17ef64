import { describe, expect, it } from 'vitest';
import { localStackPerFile } from './local-api';

const local = localStackPerFile('channelData');
const { api } = local;

const acme = () => local.stack.tokens['demo-partner-res-acme'];
const north = () => local.stack.tokens['demo-partner-dist-north'];
const manager = () => local.stack.tokens['demo-channel-manager'];

const csv = [
  'invoice_number,invoice_line,invoice_date,sku,quantity,uom,unit_price,end_customer_id',
  'E2E-1,1,2026-04-02,SW-0001,2,CS,400.00,C-9',
  'E2E-1,2,2026-04-02,CB-0003,=cmd|calc,EA,10.00,C-9',
].join('\n');

async function waitForFinalStatus(fileId: string, token: string | undefined) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const file = await api('GET', `/channel-files/${fileId}`, { token });
    if (!['awaiting_upload', 'received', 'processing'].includes(file.json.status)) return file.json;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('file never finished');
}

describe('demo partner files', () => {
  it('are ingested at start-up from CSV, XLSX, X12 867 and X12 852, with their deliberate rejections', () => {
    expect(local.stack.seededFiles.map((file) => [file.fileName, file.status, file.counts])).toEqual([
      [
        'northwind-pos-2026-03.csv',
        'completed_with_rejections',
        { lines: 152, accepted: 150, restated: 0, unchanged: 0, rejected: 2 },
      ],
      [
        'southern-supply-march.xlsx',
        'completed_with_rejections',
        { lines: 121, accepted: 120, restated: 0, unchanged: 0, rejected: 1 },
      ],
      [
        'pacific-867-2026-03.edi',
        'completed_with_rejections',
        { lines: 81, accepted: 80, restated: 0, unchanged: 0, rejected: 1 },
      ],
      [
        'maple-852-2026-03-31.edi',
        'completed_with_rejections',
        { lines: 31, accepted: 30, restated: 0, unchanged: 0, rejected: 1 },
      ],
    ]);
  });

  it('serve inventory snapshots and a computed position from the 852', async () => {
    const token = local.stack.tokens['demo-admin'];
    const query = 'partnerId=DIST-CANADA&from=2026-03-31&to=2026-03-31';
    const snapshots = await api('GET', `/inventory/SW-0001/snapshots?${query}`, { token });
    expect(snapshots.json.items[0]).toMatchObject({
      sku: 'SW-0001',
      asOfDate: '2026-03-31',
      quantityOnHand: '20',
    });
    const position = await api('GET', `/inventory/SW-0001/position?${query}`, { token });
    expect(position.json).toMatchObject({
      openingDate: '2026-03-31',
      openingOnHand: '20',
      computedOnHand: '20',
    });
  });
});

describe('uploading a POS file through a presigned URL', () => {
  it('ingests it via the S3 notification and the workflow, and serves lines and rejections', async () => {
    const body = Buffer.from(csv);
    const ticket = await api('POST', '/uploads', {
      token: acme(),
      body: { kind: 'pos', fileName: 'april.csv', contentType: 'text/csv', sizeBytes: body.length },
    });
    expect(ticket.status).toBe(201);
    expect(ticket.json.file.objectKey).toMatch(/^uploads\/RES-ACME\//);

    const put = await fetch(ticket.json.uploadUrl, {
      method: 'PUT',
      headers: ticket.json.requiredHeaders,
      body,
    });
    expect(put.status).toBe(200);
    const file = await waitForFinalStatus(ticket.json.file.fileId, acme());
    expect(file).toMatchObject({ status: 'completed_with_rejections', counts: { accepted: 1, rejected: 1 } });

    const lines = await api('GET', `/channel-files/${file.fileId}/lines`, { token: acme() });
    expect(lines.json.items).toHaveLength(1);
    expect(lines.json.items[0]).toMatchObject({ sku: 'SW-0001', quantity: '8', partnerId: 'RES-ACME' });

    const report = await fetch(`${local.stack.apiUrl}/channel-files/${file.fileId}/rejections?format=csv`, {
      headers: { authorization: `Bearer ${acme()}` },
    });
    expect(report.headers.get('content-type')).toContain('text/csv');
    const text = await report.text();
    expect(text).toContain("'=cmd|calc"); // formula neutralised
    expect(text.split('\r\n')[0]).toBe('line,reasons,raw');

    const april = await api('GET', '/sales-lines?month=2026-04', { token: acme() });
    expect(april.json.items.map((line: { invoiceNumber: string }) => line.invoiceNumber)).toEqual(['E2E-1']);
    expect(local.stack.eventBus.published.some((event) => event.detailType === 'ChannelFileProcessed')).toBe(
      true,
    );
  });

  it('holds the presigned URL to what it signed, as S3 does: type, size, key, signature; no anonymous access', async () => {
    const body = Buffer.from(csv);
    const ticket = await api('POST', '/uploads', {
      token: acme(),
      body: { kind: 'pos', fileName: 'signed.csv', contentType: 'text/csv', sizeBytes: body.length },
    });
    const url: string = ticket.json.uploadUrl;
    const headers: Record<string, string> = ticket.json.requiredHeaders;
    const put = (target: string, sent: Record<string, string>, bytes: Buffer = body) =>
      fetch(target, { method: 'PUT', headers: sent, body: bytes });
    const refused = [
      await put(url, { ...headers, 'content-type': 'application/x-msdownload' }),
      await put(url, headers, Buffer.concat([body, Buffer.from('\n')])),
      await put(url.replace('/RES-ACME/', '/DIST-NORTH/'), headers),
      await put(url.replace(/X-Amz-Signature=[0-9a-f]+/, `X-Amz-Signature=${'0'.repeat(64)}`), headers),
      await put(url.split('?')[0] ?? url, headers),
      await fetch(url.split('?')[0] ?? url),
    ];
    expect(refused.map((response) => response.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(await refused[0]?.text()).toContain('<Code>SignatureDoesNotMatch</Code>');
    const file = await api('GET', `/channel-files/${ticket.json.file.fileId}`, { token: acme() });
    expect(file.json.status).toBe('awaiting_upload');
    expect((await put(url, headers)).status).toBe(200);
  });

  it('lets a channel manager upload on behalf of a partner, and requires naming it', async () => {
    const request = { kind: 'inventory', fileName: 'stock.csv', contentType: 'text/csv', sizeBytes: 10 };
    expect((await api('POST', '/uploads', { token: manager(), body: request })).status).toBe(422);
    const onBehalf = await api('POST', '/uploads', {
      token: manager(),
      body: { ...request, partnerId: 'DIST-WEST' },
    });
    expect(onBehalf.json.file.partnerId).toBe('DIST-WEST');
  });

  it('refuses bad upload requests with field paths', async () => {
    const bad = await api('POST', '/uploads', {
      token: acme(),
      body: { kind: 'sales', fileName: 'x.exe', contentType: 'application/x-msdownload', sizeBytes: 0 },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'contentType',
      'kind',
      'sizeBytes',
    ]);
  });
});

describe('partner isolation of channel data', () => {
  it("refuses a partner uploading for another partner and hides other partners' files and lines", async () => {
    const forOther = await api('POST', '/uploads', {
      token: acme(),
      body: {
        kind: 'pos',
        fileName: 'x.csv',
        contentType: 'text/csv',
        sizeBytes: 10,
        partnerId: 'DIST-NORTH',
      },
    });
    expect(forOther.status).toBe(422);

    const mine = await api('GET', '/channel-files', { token: acme() });
    const fileId = mine.json.items[0]?.fileId;
    expect(fileId).toBeDefined();
    for (const path of [
      `/channel-files/${fileId}`,
      `/channel-files/${fileId}/lines`,
      `/channel-files/${fileId}/rejections`,
    ]) {
      expect((await api('GET', path, { token: north() })).status, path).toBe(404);
    }
    // A partner asking for another partner's lines gets its own, whatever it names.
    const asked = await api('GET', '/sales-lines?month=2026-04&partnerId=RES-ACME', { token: north() });
    expect(asked.json.items).toEqual([]);
    expect((await api('GET', '/partners/RES-ACME/mapping-profiles/pos', { token: north() })).status).toBe(
      404,
    );
  });
});

describe('mapping profiles', () => {
  it('serves the canonical default, then a saved profile with its version', async () => {
    const initial = await api('GET', '/partners/RES-ACME/mapping-profiles/pos', { token: acme() });
    expect(initial.json.isDefault).toBe(true);
    const profile = {
      ...initial.json.profile,
      delimiter: ';',
      dateFormat: 'DD.MM.YYYY',
      decimalSeparator: ',',
    };
    const saved = await api('PUT', '/partners/RES-ACME/mapping-profiles/pos', {
      token: acme(),
      body: profile,
    });
    expect(saved.status).toBe(201);
    const read = await api('GET', '/partners/RES-ACME/mapping-profiles/pos', { token: acme() });
    expect(read.json).toMatchObject({ version: 1, profile: { delimiter: ';', dateFormat: 'DD.MM.YYYY' } });
    const stale = await api('PUT', '/partners/RES-ACME/mapping-profiles/pos', {
      token: acme(),
      body: profile,
      headers: { 'if-match': '"7"' },
    });
    expect(stale.status).toBe(412);
  });
  it('serves the default in the partner currency, so saving it back unchanged still reads files without a currency column', async () => {
    const path = '/partners/DIST-CANADA/mapping-profiles/pos';
    const initial = await api('GET', path, { token: manager() });
    expect(initial.json).toMatchObject({ isDefault: true, profile: { defaultCurrency: 'CAD' } });
    expect((await api('PUT', path, { token: manager(), body: initial.json.profile })).status).toBe(201);

    const body = Buffer.from(
      [
        'invoice_number,invoice_date,sku,quantity,uom,unit_price',
        'CAD-1,2026-04-03,SW-0001,1,CS,400.00',
      ].join('\n'),
    );
    const ticket = await api('POST', '/uploads', {
      token: manager(),
      body: {
        kind: 'pos',
        fileName: 'no-currency.csv',
        contentType: 'text/csv',
        sizeBytes: body.length,
        partnerId: 'DIST-CANADA',
      },
    });
    await fetch(ticket.json.uploadUrl, { method: 'PUT', headers: ticket.json.requiredHeaders, body });
    const file = await waitForFinalStatus(ticket.json.file.fileId, manager());
    expect(file).toMatchObject({ status: 'completed', counts: { accepted: 1, rejected: 0 } });
    const lines = await api('GET', `/channel-files/${file.fileId}/lines`, { token: manager() });
    expect(lines.json.items[0]).toMatchObject({ invoiceNumber: 'CAD-1', currency: 'CAD' });
  });
});

describe('partner SKU cross-references', () => {
  it('are kept by channel managers, read by their partner only, and used to resolve partner item numbers', async () => {
    const path = `/partners/DIST-NORTH/partner-skus/${encodeURIComponent('ac 778/b')}`;
    expect((await api('PUT', path, { token: north(), body: { sku: 'RT-0002' } })).status).toBe(403);
    const unknown = await api('PUT', path, { token: manager(), body: { sku: 'NOPE-1' } });
    expect(unknown.status).toBe(422);
    expect(JSON.stringify(unknown.json)).toContain('sku');
    const saved = await api('PUT', path, {
      token: manager(),
      body: { sku: 'RT-0002', description: 'Edge router' },
    });
    expect(saved.status).toBe(201);
    expect(saved.json).toMatchObject({ partnerId: 'DIST-NORTH', partnerSku: 'ac 778/b', sku: 'RT-0002' });
    expect((await api('GET', path, { token: north() })).json.sku).toBe('RT-0002');
    expect((await api('GET', path, { token: acme() })).status).toBe(404);
    const listed = await api('GET', '/partners/DIST-NORTH/partner-skus', { token: north() });
    expect(listed.json.items.map((item: { partnerSku: string }) => item.partnerSku)).toEqual(['ac 778/b']);

    const body = Buffer.from(
      [
        'invoice_number,invoice_line,invoice_date,partner_sku,quantity,uom,unit_price',
        'XREF-1,1,2026-04-03,ac 778/b,3,EA,700.00',
        'XREF-1,2,2026-04-03,ac 999/z,1,EA,10.00',
      ].join('\n'),
    );
    const ticket = await api('POST', '/uploads', {
      token: north(),
      body: { kind: 'pos', fileName: 'xref.csv', contentType: 'text/csv', sizeBytes: body.length },
    });
    await fetch(ticket.json.uploadUrl, { method: 'PUT', headers: ticket.json.requiredHeaders, body });
    const file = await waitForFinalStatus(ticket.json.file.fileId, north());
    expect(file).toMatchObject({ status: 'completed_with_rejections', counts: { accepted: 1, rejected: 1 } });
    const lines = await api('GET', `/channel-files/${file.fileId}/lines`, { token: north() });
    expect(lines.json.items[0]).toMatchObject({
      sku: 'RT-0002',
      partnerSku: 'ac 778/b',
      category: 'ROUTERS',
    });
    const rejections = await api('GET', `/channel-files/${file.fileId}/rejections`, { token: north() });
    expect(JSON.stringify(rejections.json.items)).toContain("unknown product 'ac 999/z'");
  });
});

describe('hostile files and staff recovery of a file', () => {
  async function upload(token: string | undefined, fileName: string, contentType: string, body: Uint8Array) {
    const ticket = await api('POST', '/uploads', {
      token,
      body: { kind: 'pos', fileName, contentType, sizeBytes: body.length },
    });
    expect(ticket.status).toBe(201);
    const put = await fetch(ticket.json.uploadUrl, {
      method: 'PUT',
      headers: ticket.json.requiredHeaders,
      body,
    });
    expect(put.status).toBe(200);
    return ticket.json.file.fileId as string;
  }

  /** The stack still answers: health, and an ordinary authenticated read. */
  async function stillAnswering() {
    expect((await fetch(`${local.stack.apiUrl}/health`)).status).toBe(200);
    expect((await api('GET', '/sales-lines?month=2026-04', { token: acme() })).status).toBe(200);
  }

  it('fails a CSV whose header runs 4 MiB of X (64 times the line limit) with a file-level reason, and keeps answering', async () => {
    const body = Buffer.from(
      `invoice_number,invoice_date,sku,quantity,${'X'.repeat(4 * 1024 * 1024)}\n1,2,3,4\n`,
    );
    const file = await waitForFinalStatus(await upload(acme(), 'hostile.csv', 'text/csv', body), acme());
    expect(file.status).toBe('failed');
    expect(file.failureReason).toMatch(/header|too large|longer than|limit/i);
    expect(file.counts?.accepted ?? 0).toBe(0);
    await stillAnswering();
  }, 60_000);

  it('fails a small XLSX whose header cell inflates to 8 MiB with a file-level reason, and keeps answering', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const workbook = new ExcelJS.Workbook();
    workbook
      .addWorksheet('Sales')
      .addRow(['invoice_number', 'invoice_date', 'sku', 'X'.repeat(8 * 1024 * 1024)]);
    const body = new Uint8Array(await workbook.xlsx.writeBuffer());
    expect(body.length).toBeLessThan(1024 * 1024);
    const contentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const file = await waitForFinalStatus(await upload(acme(), 'hostile.xlsx', contentType, body), acme());
    expect(file.status).toBe('failed');
    expect(file.failureReason).toMatch(/cell|too large|longer than|limit/i);
    await stillAnswering();
  }, 60_000);

  it('lets only channel managers and admins fail or retry a file, and audits who, when and why', async () => {
    // A file whose bytes never arrived has no outcome yet: staff may fail it. (That failing withdraws lines
    // a file stored is shown against DynamoDB Local in test/integration/channel-file-integrity.test.ts.)
    const ticket = await api('POST', '/uploads', {
      token: acme(),
      body: { kind: 'pos', fileName: 'never-sent.csv', contentType: 'text/csv', sizeBytes: 10 },
    });
    const fileId = ticket.json.file.fileId as string;
    const reason = { reason: 'partner sends a corrected file' };
    for (const [token, allowed] of [
      [acme(), [403, 404]],
      [north(), [403, 404]],
      [local.stack.tokens['demo-approver'], [403]],
      [local.stack.tokens['demo-finance'], [403]],
    ] as const) {
      const fail = await api('POST', `/channel-files/${fileId}/fail`, { token, body: reason });
      expect(allowed).toContain(fail.status);
      expect(allowed).toContain((await api('POST', `/channel-files/${fileId}/retry`, { token })).status);
    }
    const failed = await api('POST', `/channel-files/${fileId}/fail`, { token: manager(), body: reason });
    expect(failed.status).toBe(200);
    const record = (await api('GET', `/channel-files/${fileId}`, { token: acme() })).json;
    expect(record).toMatchObject({ status: 'failed', failureReason: reason.reason });
    expect(record.operations).toEqual([
      { action: 'fail', by: expect.any(String), at: expect.any(String), ...reason },
    ]);
    expect((await api('GET', `/channel-files/${fileId}/lines`, { token: acme() })).json.items).toEqual([]);
    await stillAnswering();
  }, 60_000);

  it("retries a failed hostile file on an admin's word: it fails again the same clean way, audited", async () => {
    const body = Buffer.from(`invoice_number,${'X'.repeat(1024 * 1024)}\n1,2\n`);
    const fileId = (await waitForFinalStatus(await upload(acme(), 'again.csv', 'text/csv', body), acme()))
      .fileId as string;
    const retried = await api('POST', `/channel-files/${fileId}/retry`, {
      token: local.stack.tokens['demo-admin'],
    });
    expect(retried.status).toBe(200);
    const again = await waitForFinalStatus(fileId, acme());
    expect(again.status).toBe('failed');
    expect(again.operations).toEqual([{ action: 'retry', by: expect.any(String), at: expect.any(String) }]);
    await stillAnswering();
  }, 60_000);
});
