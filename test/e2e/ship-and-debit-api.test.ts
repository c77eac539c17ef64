import { beforeAll, describe, expect, it } from 'vitest';
import { demoPriceEntries } from '../../infra/local/demo/demo-channel';
import { signLocalToken } from '../../infra/local/local-auth';
import { eventually, taskInInbox } from './approval-inbox';
import { localStackPerFile } from './local-api';

const local = localStackPerFile('masterData');
const { api } = local;
let secondFinance: string;

beforeAll(async () => {
  secondFinance = await signLocalToken(local.stack.signingKey, { sub: 'demo-finance-2', role: 'finance' });
});

const as = (user: string) => local.stack.tokens[user];
const north = () => as('demo-partner-dist-north');
const acme = () => as('demo-partner-res-acme');
const approver = () => as('demo-approver');
const manager = () => as('demo-channel-manager');
const finance = () => as('demo-finance');

/** Resales are shipped today: after the authorization is issued, within the claim window. */
const today = new Date().toISOString().slice(0, 10);
const compact = today.replaceAll('-', '');

/** SW-0001's book cost on US-2026 today, as the demo price list holds it (latest entry in force). */
const book = demoPriceEntries
  .filter((entry) => entry.sku === 'SW-0001' && entry.effectiveFrom <= today)
  .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
  .at(-1)?.bookCost as string;
const cents = (text: string) => Math.round(Number(text) * 100);
const money = (value: number) => (value / 100).toFixed(2);
/** Down to book − 20.00: 20.00 per unit. */
const authorizedCost = money(cents(book) - 2000);

/** The authorization's terms with another SW-0001 cap, as an amendment sends them. */
const amendedTo = (quantityCap: number, reason: string) => ({
  coverage: { kind: 'endCustomer', endCustomerId: 'C-9' },
  validFrom: today,
  validTo: '2027-12-31',
  lines: [{ productSku: 'SW-0001', pricing: { method: 'downTo', authorizedCost }, quantityCap }],
  reason,
});

/** DIST-NORTH's request for SW-0001 down to book − 20.00 from today, for `coverage`, up to `quantityCap`. */
const specialPricing = (coverage: Record<string, string>, quantityCap: number) => ({
  currency: 'USD',
  bookCostBasis: 'priceListOnShipDate',
  priceListId: 'US-2026',
  coverage,
  validFrom: today,
  validTo: '2027-12-31',
  lines: [{ productSku: 'SW-0001', pricing: { method: 'downTo', authorizedCost }, quantityCap }],
});

/** A JSON claim line: `quantity` SW-0001 resold to C-9 today on line 1 of `invoiceNumber`, 20.00 a unit. */
const resaleLine = (invoiceNumber: string, quantity: number) => ({
  authorizationNumber,
  invoiceNumber,
  invoiceLine: '1',
  shipDate: today,
  endCustomerId: 'C-9',
  productSku: 'SW-0001',
  quantity,
  bookCost: book,
  authorizedCost,
  amount: money(quantity * 2000),
});

/**
 * A claim line of `resaleLine` resold to `endCustomerId` under `authorization`, or (undefined) naming none,
 * so that the claim finds the authorization that covers it.
 */
const resaleTo = (
  invoiceNumber: string,
  quantity: number,
  endCustomerId: string,
  authorization: string | undefined,
) => {
  const { authorizationNumber: _quoted, ...line } = resaleLine(invoiceNumber, quantity);
  return {
    ...line,
    endCustomerId,
    ...(authorization === undefined ? {} : { authorizationNumber: authorization }),
  };
};

/** DIST-NORTH requests `specialPricing` for `coverage`; the approver approves it as asked. */
async function approvedRequest(coverage: Record<string, string>, quantityCap: number) {
  const requested = await api('POST', '/debit-authorizations', {
    token: north(),
    body: specialPricing(coverage, quantityCap),
  });
  expect(requested.status).toBe(201);
  const number: string = requested.json.authorizationNumber;
  const task = await taskInInbox(api, approver(), number);
  const decided = await api('POST', `/approvals/${encodeURIComponent(task.taskId)}/decision`, {
    token: approver(),
    body: { decision: 'approve' },
  });
  expect(decided.status).toBe(200);
  return { number, task, request: decided.json.request };
}

/** DIST-NORTH's JSON claim `claimNumber` in USD of `lines`. */
const northClaims = (claimNumber: string, lines: readonly object[]) =>
  api('POST', '/ship-and-debit-claims', { token: north(), body: { claimNumber, currency: 'USD', lines } });

/** Sends a raw body (844, CSV) or reads a raw answer (849, CSV lines). */
async function raw(method: string, path: string, token: string | undefined, body?: string, type?: string) {
  const response = await fetch(`${local.stack.apiUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(type === undefined ? {} : { 'content-type': type }) },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  return {
    status: response.status,
    contentType,
    text,
    json: /json/.test(contentType) ? JSON.parse(text) : undefined,
  };
}

/** The 844: 10 × SW-0001 on INV-SD-1 (cap 8: cut, 04) and 5 × CB-0001 on INV-SD-2 (not authorized: 03). */
function claim844(authorizationNumber: string): string {
  const body = [
    `BAA*00*ZZ*${compact}*ZZ*NW-DM-0001`,
    'CUR*SE*USD',
    'N1*DS*NORTHWIND DISTRIBUTION*92*DIST-NORTH',
    'N1*SU*CHRM DEMO MANUFACTURER*92*CHRM',
    `CON*CT*${authorizationNumber}*VA`,
    'N1*EN*CUSTOMER NINE*92*C-9',
    'PAD*1*SD',
    'LIN**VP*SW-0001',
    `UIT*EA*${book}*DI`,
    `UIT*EA*${authorizedCost}*CT`,
    'QTY*39*10*EA',
    'AMT*1*200.00',
    'REF*IV*INV-SD-1',
    'REF*LI*1',
    `DTM*011*${compact}`,
    'PAD*2*SD',
    'LIN**VP*CB-0001',
    'UIT*EA*6.30*DI',
    'UIT*EA*5.00*CT',
    'QTY*39*5*EA',
    'AMT*1*6.50',
    'REF*IV*INV-SD-2',
    `DTM*011*${compact}`,
    'CTT*2*15',
    'AMT*TT*206.50',
  ];
  return `${[
    `ISA*00*          *00*          *ZZ*NORTHWIND      *ZZ*CHRM           *${compact.slice(2)}*0900*U*00401*000000101*0*T*>`,
    `GS*CF*NORTHWIND*CHRM*${compact}*0900*101*X*004010`,
    'ST*844*0001',
    ...body,
    `SE*${body.length + 2}*0001`,
    'GE*1*101',
    'IEA*1*000000101',
  ].join('~\n')}~\n`;
}

let authorizationNumber: string;
let claimId: string;
let settlementClaimId: string;
let billBackId: string;

/** Uploads a DIST-NORTH POS CSV through a presigned URL and waits for the ingest to complete it. */
async function uploadPos(fileName: string, rows: string[]) {
  const pos = [
    'invoice_number,invoice_line,invoice_date,sku,quantity,uom,unit_price,end_customer_id',
    ...rows,
  ].join('\n');
  const ticket = await api('POST', '/uploads', {
    token: north(),
    body: { kind: 'pos', fileName, contentType: 'text/csv', sizeBytes: Buffer.byteLength(pos) },
  });
  expect(ticket.status).toBe(201);
  await fetch(ticket.json.uploadUrl, { method: 'PUT', headers: ticket.json.requiredHeaders, body: pos });
  return eventually(
    async () => (await api('GET', `/channel-files/${ticket.json.file.fileId}`, { token: north() })).json,
    (read) => !['awaiting_upload', 'received', 'processing'].includes(read.status),
  );
}

describe('ship & debit through the HTTP API', () => {
  it('DIST-NORTH requests special pricing on SW-0001 for C-9; its task waits in the approvers’ inbox, where the approver authorizes 8 units instead of 10', async () => {
    const requested = await api('POST', '/debit-authorizations', {
      token: north(),
      body: {
        ...specialPricing({ kind: 'endCustomer', endCustomerId: 'C-9' }, 10),
        justification: 'C-9 has a competing quote',
      },
    });
    expect(requested.status).toBe(201);
    authorizationNumber = requested.json.authorizationNumber;
    const task = await taskInInbox(api, approver(), authorizationNumber);
    expect(task).toMatchObject({
      level: 'approver',
      levels: ['approver'],
      subject: { kind: 'debitAuthorizationRequest', id: authorizationNumber, partnerId: 'DIST-NORTH' },
    });
    expect(task.subject.summary).toContain('SW-0001 ×10');
    const path = `/approvals/${encodeURIComponent(task.taskId)}/decision`;
    expect((await api('POST', path, { token: north(), body: { decision: 'approve' } })).status).toBe(403);
    // A fund request's decision is not an authorization's: 400 naming the field.
    const wrongKind = await api('POST', path, {
      token: approver(),
      body: { decision: 'reject', reason: 'x' },
    });
    expect(wrongKind.status).toBe(400);

    const approved = await api('POST', path, {
      token: approver(),
      body: {
        decision: 'approve',
        lines: [{ productSku: 'SW-0001', pricing: { method: 'downTo', authorizedCost }, quantityCap: 8 }],
      },
    });

    expect(approved.status).toBe(200);
    expect(approved.json.request).toMatchObject({ status: 'approved', issuedOn: today });
    expect(approved.json.request.lines[0]).toMatchObject({ quantityCap: 8, remainingQuantity: 8 });
    expect((await api('POST', path, { token: approver(), body: { decision: 'approve' } })).status).toBe(409);
  });

  it('an 844 is validated against the authorization and the POS file: 10 cut to 8 (04) = 160.00, CB-0001 not authorized (03); the 849 says so', async () => {
    const file = await uploadPos('sd-pos.csv', [
      `INV-SD-1,1,${today},SW-0001,10,EA,${book},C-9`,
      `INV-SD-2,1,${today},CB-0001,5,EA,6.30,C-9`,
    ]);
    expect(file).toMatchObject({ status: 'completed', counts: { accepted: 2 } });

    const submitted = await raw(
      'POST',
      '/ship-and-debit-claims',
      north(),
      claim844(authorizationNumber),
      'application/edi-x12',
    );

    expect(submitted.status).toBe(201);
    expect(submitted.json).toMatchObject({
      channel: 'x12-844',
      amountClaimed: '206.50',
      amountApproved: '160.00',
    });
    expect(submitted.json.results).toEqual([
      expect.objectContaining({
        outcome: 'partiallyApproved',
        x12Code: '04',
        approvedQuantity: 8,
        approvedAmount: '160.00',
        bookCost: book,
      }),
      expect.objectContaining({ outcome: 'rejected', x12Code: '03' }),
    ]);
    claimId = submitted.json.claimId;
    settlementClaimId = submitted.json.settlementClaimId;
    const response849 = await raw('GET', `/ship-and-debit-claims/${claimId}/849`, north());
    expect(response849.status).toBe(200);
    expect(response849.text).toMatch(/^ISA\*00\*/);
    expect(response849.text).toContain('AAA*N**04*C~');
    expect(response849.text).toContain('QTY*39*8*EA~');
    expect(response849.text).toContain('AAA*N**03*C~');
    expect(response849.text).toContain('AMT*TT*160.00~');
    const lines = await raw('GET', `/ship-and-debit-claims/${claimId}/lines`, north());
    expect(lines.contentType).toContain('text/csv');
    expect(lines.text.split('\r\n')).toHaveLength(4);
    const read = await api('GET', `/ship-and-debit-claims/${claimId}`, { token: north() });
    expect(read.json).toMatchObject({ claimId, amountApproved: '160.00' });
    const authorization = await api('GET', `/debit-authorizations/${authorizationNumber}`, {
      token: north(),
    });
    expect(authorization.json.lines[0].remainingQuantity).toBe(0);
  });

  it('the approved 160.00 settles like any claim: approver decision, then a credit memo batch approved by a second finance user, paid', async () => {
    const task = await taskInInbox(api, approver(), settlementClaimId);
    expect(task.claim).toMatchObject({
      type: 'shipAndDebit',
      amountClaimed: '160.00',
      partnerId: 'DIST-NORTH',
    });
    const decided = await api('POST', `/approvals/${task.taskId}/decision`, {
      token: approver(),
      body: { decision: 'approve' },
    });
    expect(decided.status).toBe(200);
    const approved = await eventually(
      async () => (await api('GET', `/claims/${settlementClaimId}`, { token: north() })).json,
      (claim) => claim.status === 'approved',
    );
    expect(approved).toMatchObject({ status: 'approved', amountApproved: '160.00' });

    const batch = await api('POST', '/payment-batches', {
      token: finance(),
      body: {
        currency: 'USD',
        method: 'creditMemo',
        payableUpTo: today,
        requestedExecutionDate: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
      },
    });
    expect(batch.status).toBe(201);
    const batchId = batch.json.batchId;
    expect((await api('POST', `/payment-batches/${batchId}/approve`, { token: secondFinance })).status).toBe(
      200,
    );
    expect((await api('POST', `/payment-batches/${batchId}/paid`, { token: finance() })).status).toBe(200);

    const paid = await api('GET', `/claims/${settlementClaimId}`, { token: north() });
    expect(paid.json).toMatchObject({ type: 'shipAndDebit', status: 'paid', amountApproved: '160.00' });
  });

  it('C-9 returns 1 of the 8 credited SW-0001 (a negative POS line): the completed POS file bills back −20.00 by itself, a detection finds it made, the unit goes back to the authorization, and the next claim (3 × 20.00) settles 40.00', async () => {
    const file = await uploadPos('sd-returns.csv', [
      `INV-SD-1,2,${today},SW-0001,-1,EA,${book},C-9`,
      `INV-SD-4,1,${today},SW-0001,3,EA,${book},C-9`,
    ]);
    expect(file).toMatchObject({ status: 'completed', counts: { accepted: 2 } });
    const range = { partnerId: 'DIST-NORTH', from: today, to: today };

    const [billedBack] = await eventually(
      async () => (await api('GET', '/ship-and-debit-bill-backs', { token: north() })).json.items,
      (items) => items.length > 0,
    );
    const detected = await api('POST', '/ship-and-debit-bill-backs/detections', {
      token: manager(),
      body: range,
    });

    expect(billedBack).toMatchObject({
      partnerId: 'DIST-NORTH',
      quantity: 1,
      amount: '-20.00',
      restoredQuantity: 1,
      status: 'open',
      createdBy: { userId: 'system' },
      parts: [expect.objectContaining({ claimId, lineNumber: 1, amount: '20.00' })],
    });
    billBackId = billedBack.billBackId;
    expect(detected.status).toBe(200);
    expect(detected.json).toMatchObject({ created: [], existing: [expect.objectContaining({ billBackId })] });
    const credited = await api('GET', `/ship-and-debit-claims/${claimId}`, { token: north() });
    expect(credited.json.reversals).toEqual([
      expect.objectContaining({ lineNumber: 1, quantity: 1, amount: '20.00', billBackIds: [billBackId] }),
    ]);
    const restored = await api('GET', `/debit-authorizations/${authorizationNumber}`, { token: north() });
    expect(restored.json.lines[0].remainingQuantity).toBe(1);

    const more = await api('POST', `/debit-authorizations/${authorizationNumber}/amendments`, {
      token: approver(),
      body: amendedTo(10, 'C-9 orders more'),
    });
    expect(more.status).toBe(200);
    const next = await api('POST', '/ship-and-debit-claims', {
      token: north(),
      body: {
        claimNumber: 'NW-SD-2',
        currency: 'USD',
        lines: [resaleLine('INV-SD-4', 3)],
      },
    });

    expect(next.status).toBe(201);
    expect(next.json).toMatchObject({
      amountApproved: '60.00',
      billBackOffsets: [{ billBackId, amount: '20.00' }],
    });
    const settlement = await api('GET', `/claims/${next.json.settlementClaimId}`, { token: north() });
    expect(settlement.json).toMatchObject({ type: 'shipAndDebit', amountClaimed: '40.00' });
    const netted = await api('GET', `/ship-and-debit-bill-backs/${billBackId}`, { token: north() });
    expect(netted.json).toMatchObject({ status: 'offset', offsetByClaimId: next.json.claimId });
  });

  it('another partner sees none of it: every ship & debit route answers 404, an empty list, 403, or a rejected line (01)', async () => {
    const authorizationPath = `/debit-authorizations/${authorizationNumber}`;
    const claimPath = `/ship-and-debit-claims/${claimId}`;

    expect((await api('GET', authorizationPath, { token: acme() })).status).toBe(404);
    expect((await api('GET', '/debit-authorizations', { token: acme() })).json.items).toEqual([]);
    expect(
      (await api('GET', '/debit-authorizations?partnerId=DIST-NORTH', { token: acme() })).json.items,
    ).toEqual([]);
    expect((await api('GET', claimPath, { token: acme() })).status).toBe(404);
    expect((await raw('GET', `${claimPath}/849`, acme())).status).toBe(404);
    expect((await raw('GET', `${claimPath}/lines`, acme())).status).toBe(404);
    expect((await api('GET', '/ship-and-debit-claims', { token: acme() })).json.items).toEqual([]);
    const billBackPath = `/ship-and-debit-bill-backs/${billBackId}`;
    expect((await api('GET', billBackPath, { token: acme() })).status).toBe(404);
    expect((await api('GET', '/ship-and-debit-bill-backs', { token: acme() })).json.items).toEqual([]);
    expect(
      (await api('GET', '/ship-and-debit-bill-backs?partnerId=DIST-NORTH', { token: acme() })).json.items,
    ).toEqual([]);
    const detect = await api('POST', '/ship-and-debit-bill-backs/detections', {
      token: acme(),
      body: { partnerId: 'DIST-NORTH', from: today, to: today },
    });
    expect(detect.status).toBe(403);
    // Requests are decided in the approvals inbox, which partners do not have.
    expect((await api('GET', '/approvals', { token: acme() })).status).toBe(403);
    const cancel = await api('POST', `${authorizationPath}/cancellation`, {
      token: acme(),
      body: { reason: 'mine now' },
    });
    expect(cancel.status).toBe(403);
    const amend = await api('POST', `${authorizationPath}/amendments`, {
      token: acme(),
      body: amendedTo(80, 'more'),
    });
    expect(amend.status).toBe(403);
    const attach = await api('POST', `${authorizationPath}/attachment-uploads`, {
      token: acme(),
      body: { fileName: 'quote.pdf', contentType: 'application/pdf', sizeBytes: 10 },
    });
    expect(attach.status).toBe(404);
    expect((await api('GET', `${authorizationPath}/attachments`, { token: acme() })).status).toBe(404);
    const requestForNorth = await api('POST', '/debit-authorizations', {
      token: acme(),
      body: {
        partnerId: 'DIST-NORTH',
        currency: 'USD',
        bookCostBasis: 'acquisitionCost',
        coverage: { kind: 'endCustomer', endCustomerId: 'C-9' },
        validFrom: today,
        validTo: '2027-12-31',
        lines: [
          { productSku: 'SW-0001', pricing: { method: 'downBy', amountPerUnit: '1.00' }, quantityCap: 1 },
        ],
      },
    });
    expect(requestForNorth.status).toBe(403);
    const borrowedLines = [
      {
        authorizationNumber,
        invoiceNumber: 'INV-ACME-1',
        shipDate: today,
        endCustomerId: 'C-9',
        productSku: 'SW-0001',
        quantity: 1,
        bookCost: book,
        authorizedCost,
        amount: '20.00',
      },
    ];
    const borrowed = await api('POST', '/ship-and-debit-claims', {
      token: acme(),
      body: { claimNumber: 'ACME-1', currency: 'USD', lines: borrowedLines },
    });
    expect(borrowed.status).toBe(201);
    expect(borrowed.json.results[0]).toMatchObject({ outcome: 'rejected', x12Code: '01' });
    const onBehalf = await api('POST', '/ship-and-debit-claims?partnerId=DIST-NORTH', {
      token: acme(),
      body: { claimNumber: 'ACME-2', currency: 'USD', lines: borrowedLines },
    });
    expect(onBehalf.status).toBe(403);
    expect((await api('GET', claimPath, { token: manager() })).status).toBe(200);
  });

  it('with auto-approval below 30.00 a claim of 1 and 2 SW-0001 splits: the 20.00 line is approved by the workflow alone, the 40.00 line waits for the approver', async () => {
    const policy = await api('GET', '/approval-policy', { token: approver() });
    const { isDefault: _default, ...current } = policy.json;
    const perLine = {
      ...current,
      thresholds: {
        ...current.thresholds,
        USD: { autoApproveBelow: '30.00', singleApproverUpTo: '10000.00' },
      },
    };
    expect((await api('PUT', '/approval-policy', { token: as('demo-admin'), body: perLine })).status).toBe(
      201,
    );
    const more = await api('POST', `/debit-authorizations/${authorizationNumber}/amendments`, {
      token: approver(),
      body: amendedTo(13, 'C-9 orders again'),
    });
    expect(more.json.lines[0].remainingQuantity).toBe(3);
    await uploadPos('sd-split.csv', [
      `INV-SD-5,1,${today},SW-0001,1,EA,${book},C-9`,
      `INV-SD-6,1,${today},SW-0001,2,EA,${book},C-9`,
    ]);
    const split = await api('POST', '/ship-and-debit-claims', {
      token: north(),
      body: {
        claimNumber: 'NW-SD-3',
        currency: 'USD',
        lines: [resaleLine('INV-SD-5', 1), resaleLine('INV-SD-6', 2)],
      },
    });

    expect(split.json).toMatchObject({ amountApproved: '60.00', linesForReview: [2] });
    const automatic = await eventually(
      async () => (await api('GET', `/claims/${split.json.autoSettlementClaimId}`, { token: north() })).json,
      (claim) => claim.status === 'approved',
    );
    expect(automatic).toMatchObject({ amountClaimed: '20.00', amountApproved: '20.00' });
    const task = await taskInInbox(api, approver(), split.json.settlementClaimId);
    expect(task.claim).toMatchObject({ amountClaimed: '40.00' });
  });

  it("a CSV claim uploaded through a presigned URL, in DIST-NORTH's own columns (its mapping profile): 2 × SW-0001 approved 40.00, CB-0001 rejected (03); a second delivery of the object adds no claim; wrong columns fail the file; RES-ACME sees none of it", async () => {
    const more = await api('POST', `/debit-authorizations/${authorizationNumber}/amendments`, {
      token: approver(),
      body: amendedTo(15, 'C-9 orders by file'),
    });
    expect(more.json.lines[0].remainingQuantity).toBe(2);
    await uploadPos('sd-upload-pos.csv', [`INV-SD-7,1,${today},SW-0001,2,EA,${book},C-9`]);
    const profile = await api('PUT', '/partners/DIST-NORTH/mapping-profiles/shipAndDebitClaim', {
      token: north(),
      body: {
        kind: 'shipAndDebitClaim',
        delimiter: ';',
        columns: [
          ['Contract', 'authorizationNumber'],
          ['Invoice', 'invoiceNumber'],
          ['Line', 'invoiceLine'],
          ['Shipped', 'shipDate'],
          ['Customer', 'endCustomerId'],
          ['Item', 'productSku'],
          ['Qty', 'quantity'],
          ['Book', 'bookCost'],
          ['Net', 'authorizedCost'],
          ['Credit', 'amount'],
        ].map(([source, field]) => ({ source, field })),
      },
    });
    expect(profile.status).toBe(201);
    const csv = [
      'Contract;Invoice;Line;Shipped;Customer;Item;Qty;Book;Net;Credit',
      `${authorizationNumber};INV-SD-7;1;${today};C-9;SW-0001;2;${book};${authorizedCost};40.00`,
      `${authorizationNumber};INV-SD-8;1;${today};C-9;CB-0001;1;6.30;5.00;1.30`,
    ].join('\n');
    /** Asks for a claim upload as `token`, PUTs `body` and waits for the file to be final. */
    const uploadClaim = async (token: string | undefined, claimNumber: string, body: string) => {
      const ticket = await api('POST', '/uploads', {
        token,
        body: {
          kind: 'shipAndDebitClaim',
          fileName: `${claimNumber}.csv`,
          contentType: 'text/csv',
          sizeBytes: Buffer.byteLength(body),
          claimNumber,
          currency: 'USD',
        },
      });
      expect(ticket.status).toBe(201);
      const put = () =>
        fetch(ticket.json.uploadUrl, { method: 'PUT', headers: ticket.json.requiredHeaders, body });
      expect((await put()).status).toBe(200);
      const file = await eventually(
        async () => (await api('GET', `/channel-files/${ticket.json.file.fileId}`, { token })).json,
        (read) => !['awaiting_upload', 'received', 'processing'].includes(read.status),
      );
      return { file, put };
    };

    const { file, put } = await uploadClaim(north(), 'NW-SD-UP-1', csv);

    expect(file).toMatchObject({
      kind: 'shipAndDebitClaim',
      status: 'completed_with_rejections',
      counts: { lines: 2, accepted: 1, rejected: 1 },
      claim: { claimNumber: 'NW-SD-UP-1', amountClaimed: '41.30', amountApproved: '40.00' },
    });
    const claim = await api('GET', `/ship-and-debit-claims/${file.claim.claimId}`, { token: north() });
    expect(claim.json).toMatchObject({ channel: 'csv', sourceFileId: file.fileId, partnerId: 'DIST-NORTH' });
    expect(claim.json.results.map((line: { x12Code?: string }) => line.x12Code ?? 'ok')).toEqual([
      'ok',
      '03',
    ]);
    // The same object PUT again: S3 notifies again; give that delivery a second to be handled.
    expect((await put()).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const claims = await api('GET', '/ship-and-debit-claims', { token: north() });
    expect(
      claims.json.items.filter((item: { claimNumber: string }) => item.claimNumber === 'NW-SD-UP-1'),
    ).toHaveLength(1);
    expect((await api('GET', `/channel-files/${file.fileId}`, { token: north() })).json).toMatchObject({
      status: 'completed_with_rejections',
      claim: { claimId: file.claim.claimId },
    });

    const wrong = await uploadClaim(north(), 'NW-SD-UP-2', csv.replace('Credit', 'Rebate'));
    expect(wrong.file).toMatchObject({ status: 'failed', counts: { lines: 0 } });
    expect(wrong.file.failureReason).toMatch(/missing required column 'Credit'.*unknown column 'Rebate'/);
    expect(wrong.file.claim.claimId).toBeUndefined();

    expect((await api('GET', `/channel-files/${file.fileId}`, { token: acme() })).status).toBe(404);
    const forNorth = await api('POST', '/uploads', {
      token: acme(),
      body: {
        kind: 'shipAndDebitClaim',
        partnerId: 'DIST-NORTH',
        fileName: 'x.csv',
        contentType: 'text/csv',
        sizeBytes: 10,
        claimNumber: 'ACME-UP-0',
        currency: 'USD',
      },
    });
    expect(forNorth.status).toBe(422);
    const borrowed = await uploadClaim(
      acme(),
      'ACME-UP-1',
      [
        'authorization_number,invoice_number,ship_date,end_customer_id,product_sku,quantity,book_cost,authorized_cost,amount',
        `${authorizationNumber},INV-ACME-9,${today},C-9,SW-0001,1,${book},${authorizedCost},20.00`,
      ].join('\n'),
    );
    expect(borrowed.file).toMatchObject({
      status: 'completed_with_rejections',
      claim: { amountApproved: '0.00' },
    });
    const refused = await api('GET', `/ship-and-debit-claims/${borrowed.file.claim.claimId}`, {
      token: acme(),
    });
    expect(refused.json.results[0]).toMatchObject({ outcome: 'rejected', x12Code: '01' });
    expect((await api('GET', `/ship-and-debit-claims/${file.claim.claimId}`, { token: acme() })).status).toBe(
      404,
    );
  });

  it('a blanket authorization (any end customer, 5 SW-0001) beside the specific one for C-9 (1 left): lines quoting no number take the specific one first, then the blanket; C-77 has only the blanket', async () => {
    const more = await api('POST', `/debit-authorizations/${authorizationNumber}/amendments`, {
      token: approver(),
      body: amendedTo(16, 'one more for C-9'),
    });
    expect(more.json.lines[0].remainingQuantity).toBe(1);
    const approved = await approvedRequest({ kind: 'anyEndCustomer' }, 5);
    const blanketNumber = approved.number;
    expect(approved.task.subject.summary).toContain('any end customer');
    expect(approved.request).toMatchObject({ status: 'approved', coverage: { kind: 'anyEndCustomer' } });
    await uploadPos('sd-blanket-pos.csv', [
      `INV-SD-B1,1,${today},SW-0001,1,EA,${book},C-9`,
      `INV-SD-B2,1,${today},SW-0001,2,EA,${book},C-77`,
      `INV-SD-B3,1,${today},SW-0001,1,EA,${book},C-9`,
    ]);

    const claim = await northClaims('NW-SD-BLANKET-1', [
      resaleTo('INV-SD-B1', 1, 'C-9', undefined),
      resaleTo('INV-SD-B2', 2, 'C-77', undefined),
      resaleTo('INV-SD-B3', 1, 'C-9', undefined),
    ]);

    expect(claim.status).toBe(201);
    expect(claim.json.amountApproved).toBe('80.00');
    const applied = [authorizationNumber, blanketNumber, blanketNumber];
    expect(
      claim.json.results.map(
        (result: { appliedAuthorizationNumber: string }) => result.appliedAuthorizationNumber,
      ),
    ).toEqual(applied);
    expect(claim.json.lines.map((line: { authorizationNumber: string }) => line.authorizationNumber)).toEqual(
      applied,
    );
    const specific = await api('GET', `/debit-authorizations/${authorizationNumber}`, { token: north() });
    const blanket = await api('GET', `/debit-authorizations/${blanketNumber}`, { token: north() });
    expect(specific.json.lines[0].remainingQuantity).toBe(0);
    expect(blanket.json.lines[0].remainingQuantity).toBe(2);
    expect((await api('GET', `/debit-authorizations/${blanketNumber}`, { token: acme() })).status).toBe(404);
  });

  it('a segment blanket (EDU) is checked against the end-customer master on the ship date: C-21 (a school) approved, C-9 (HEALTHCARE) and C-31 (EDU only from tomorrow) rejected 26; an unknown segment is 422; partners may not touch the master (403)', async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const college = { endCustomerId: 'C-31', name: 'Northside College', country: 'US', segment: 'GOV' };
    const created = await api('POST', '/end-customers', { token: manager(), body: college });
    expect(created.status).toBe(201);
    const { endCustomerId: _id, ...details } = college;
    const moved = await api('PUT', '/end-customers/C-31', {
      token: manager(),
      body: { ...details, segment: 'EDU', segmentEffectiveFrom: tomorrow },
      headers: { 'if-match': created.headers.get('etag') ?? '' },
    });
    expect(moved.status).toBe(200);
    const read = await api('GET', '/end-customers/C-31', { token: manager() });
    expect(read.json.segmentHistory).toEqual([
      { segment: 'GOV' },
      { segment: 'EDU', effectiveFrom: tomorrow },
    ]);
    const schools = await api('GET', '/end-customers?segment=EDU', { token: manager() });
    expect(schools.json.items.map((each: { endCustomerId: string }) => each.endCustomerId)).toEqual([
      'C-21',
      'C-22',
      'C-31',
    ]);
    expect((await api('GET', '/end-customers', { token: north() })).status).toBe(403);
    expect((await api('GET', '/end-customers/C-21', { token: north() })).status).toBe(403);
    expect((await api('POST', '/end-customers', { token: north(), body: college })).status).toBe(403);
    const partnerEdit = await api('PUT', '/end-customers/C-31', {
      token: acme(),
      body: details,
      headers: { 'if-match': moved.headers.get('etag') ?? '' },
    });
    expect(partnerEdit.status).toBe(403);

    const typo = await api('POST', '/debit-authorizations', {
      token: north(),
      body: specialPricing({ kind: 'segment', segment: 'EDUCATION' }, 5),
    });
    expect(typo.status).toBe(422);
    expect(typo.json.errors[0].path).toBe('coverage.segment');
    const segmentNumber = (await approvedRequest({ kind: 'segment', segment: 'EDU' }, 5)).number;
    await uploadPos('sd-segment-pos.csv', [
      `INV-SD-E1,1,${today},SW-0001,2,EA,${book},C-21`,
      `INV-SD-E2,1,${today},SW-0001,1,EA,${book},C-9`,
      `INV-SD-E3,1,${today},SW-0001,1,EA,${book},C-31`,
    ]);

    const claim = await northClaims('NW-SD-SEGMENT-1', [
      resaleTo('INV-SD-E1', 2, 'C-21', segmentNumber),
      resaleTo('INV-SD-E2', 1, 'C-9', segmentNumber),
      resaleTo('INV-SD-E3', 1, 'C-31', segmentNumber),
    ]);

    expect(claim.status).toBe(201);
    expect(claim.json.amountApproved).toBe('40.00');
    expect(claim.json.results).toEqual([
      expect.objectContaining({ outcome: 'approved', approvedQuantity: 2, approvedAmount: '40.00' }),
      expect.objectContaining({ outcome: 'rejected', x12Code: '26' }),
      expect.objectContaining({ outcome: 'rejected', x12Code: '26' }),
    ]);
    const authorization = await api('GET', `/debit-authorizations/${segmentNumber}`, { token: north() });
    expect(authorization.json.lines[0].remainingQuantity).toBe(3);
  });

  it('DIST-NORTH attaches a competitor quote to its request: a PUT signed for type and size to the local S3, listed with a download link for the approver and the partner; a wrong type or size is 400, another partner 404, a decided request 409 for the partner', async () => {
    const requested = await api('POST', '/debit-authorizations', {
      token: north(),
      body: {
        ...specialPricing({ kind: 'endCustomer', endCustomerId: 'C-9' }, 5),
        justification: 'Competitor quote attached',
      },
    });
    const number = requested.json.authorizationNumber as string;
    const uploads = `/debit-authorizations/${number}/attachment-uploads`;
    const quote = Buffer.from('%PDF-1.4\n% competitor quote: SW-0001 at 380.00\n%%EOF\n');
    const declared = {
      fileName: 'competitor quote.pdf',
      contentType: 'application/pdf',
      sizeBytes: quote.length,
    };

    const ticket = await api('POST', uploads, { token: north(), body: declared });
    const put = await fetch(ticket.json.uploadUrl, {
      method: 'PUT',
      headers: { ...ticket.json.requiredHeaders, 'content-length': String(quote.length) },
      body: quote,
    });
    const listed = await api('GET', `/debit-authorizations/${number}/attachments`, { token: approver() });

    expect(ticket.status).toBe(201);
    expect(ticket.json.key).toMatch(
      new RegExp(`^attachments/DIST-NORTH/${number}/[^/]+/competitor_quote\\.pdf$`),
    );
    expect(put.status).toBe(200);
    expect(listed.status).toBe(200);
    expect(listed.json.items).toEqual([
      expect.objectContaining({
        key: ticket.json.key,
        fileName: 'competitor_quote.pdf',
        contentType: 'application/pdf',
        sizeBytes: quote.length,
      }),
    ]);
    const download = await fetch(listed.json.items[0].downloadUrl);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(quote);
    const own = await api('GET', `/debit-authorizations/${number}/attachments`, { token: north() });
    expect(own.json.items.map((item: { key: string }) => item.key)).toEqual([ticket.json.key]);

    // The type is signed: a body sent as another type is refused by S3, not stored.
    const html = await fetch(ticket.json.uploadUrl, {
      method: 'PUT',
      headers: { 'content-type': 'text/html', 'content-length': String(quote.length) },
      body: quote,
    });
    expect(html.status).toBe(403);
    const exe = await api('POST', uploads, {
      token: north(),
      body: { ...declared, contentType: 'application/x-msdownload' },
    });
    expect(exe.status).toBe(400);
    expect(exe.json.errors.map((error: { path: string }) => error.path)).toEqual(['contentType']);
    const huge = await api('POST', uploads, {
      token: north(),
      body: { ...declared, sizeBytes: 20 * 1024 ** 2 + 1 },
    });
    expect(huge.status).toBe(400);
    expect(huge.json.errors.map((error: { path: string }) => error.path)).toEqual(['sizeBytes']);
    expect((await api('POST', uploads, { token: acme(), body: declared })).status).toBe(404);
    expect((await api('GET', `/debit-authorizations/${number}/attachments`, { token: acme() })).status).toBe(
      404,
    );
    const decided = `/debit-authorizations/${authorizationNumber}/attachment-uploads`;
    expect((await api('POST', decided, { token: north(), body: declared })).status).toBe(409);
    expect((await api('POST', decided, { token: manager(), body: declared })).status).toBe(201);
  });
});
