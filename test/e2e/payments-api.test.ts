import { Decimal } from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { inlineBuildLimit } from '../../domain/payments/create-payment-batch';
import { DynamoClaimStore } from '../../functions/adapters/dynamo-claim-store';
import { createDocumentClient } from '../../functions/adapters/dynamo-client';
import { demoClaims } from '../../infra/local/demo/demo-claims';
import { signLocalToken } from '../../infra/local/local-auth';
import { payableClaim } from '../unit/payments/builders';
import { eventually, taskInInbox } from './approval-inbox';
import { coopAdjustment, coopClaim } from './coop-claim';
import { localStackPerFile } from './local-api';

/**
 * Issue 12's "Done when", through the HTTP API of the local stack: a partner's claim goes through its
 * approver and finance, is paid in a batch a second finance user approved, and the partner's claim, payment
 * and remittance, the checkbook and the GL journal agree to the cent. Also: the demo seed's claim statuses,
 * a returned payment, a paid race, another partner's view of all of it, and bad input.
 */
const local = localStackPerFile(true);
const { api } = local;
let secondFinance: string;

beforeAll(async () => {
  secondFinance = await signLocalToken(local.stack.signingKey, { sub: 'demo-finance-2', role: 'finance' });
});

const as = (user: string) => ({ token: local.stack.tokens[user] });
const north = () => as('demo-partner-dist-north');
const finance = () => as('demo-finance');
const today = () => new Date().toISOString().slice(0, 10);
const claimAmount = '120.50';

/** Raw text of a file route (pain.001 XML, remittance CSV), which the JSON client does not parse. */
async function download(path: string, token: string | undefined) {
  const response = await fetch(`${local.stack.apiUrl}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    text: await response.text(),
  };
}

/** DIST-NORTH's co-op book of COOP-2026 in USD, as finance reads it. */
async function coopBook() {
  const books = await api('GET', '/partners/DIST-NORTH/checkbook?programId=COOP-2026', finance());
  expect(books.status).toBe(200);
  return books.json.items.find(
    (book: { fund: string; currency: string }) => book.fund === 'coop' && book.currency === 'USD',
  );
}

const claimStatus = async (claimId: string) =>
  (await api('GET', `/claims/${claimId}`, north())).json.status as string;

/** Approver then finance (the policy below makes 120.50 need both) approve `claimId` from their inboxes. */
async function approveThroughInboxes(claimId: string) {
  for (const user of ['demo-approver', 'demo-finance']) {
    const task = await taskInInbox(api, local.stack.tokens[user], claimId);
    const decided = await api('POST', `/approvals/${task.taskId}/decision`, {
      ...as(user),
      body: { decision: 'approve' },
    });
    expect(decided.status).toBe(200);
  }
  expect(
    await eventually(
      () => claimStatus(claimId),
      (status) => status === 'approved',
    ),
  ).toBe('approved');
}

/** Staff's batch (all payments) and DIST-NORTH's payment in it. */
async function batchWithNorth(batchId: string) {
  const batch = (await api('GET', `/payment-batches/${batchId}`, finance())).json;
  const payment = batch.payments.find((each: { partnerId: string }) => each.partnerId === 'DIST-NORTH');
  return { batch, payment };
}

const xmlValue = (xml: string, tag: string) => [
  ...xml.matchAll(new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`, 'g')),
];

describe('money out through the HTTP API', () => {
  let claimId = '';
  let batchId = '';

  beforeAll(async () => {
    // Two levels above 50.00 USD; bank details for DIST-NORTH; a 500.00 co-op balance to claim from.
    const policy = await api('GET', '/approval-policy', as('demo-admin'));
    const { isDefault: _default, ...current } = policy.json;
    const twoLevels = {
      ...current,
      thresholds: { ...current.thresholds, USD: { autoApproveBelow: '0.00', singleApproverUpTo: '50.00' } },
    };
    const stored = await api('PUT', '/approval-policy', {
      ...as('demo-admin'),
      body: twoLevels,
      ...(policy.headers.get('etag') ? { headers: { 'if-match': policy.headers.get('etag') ?? '' } } : {}),
    });
    expect(stored.status).toBeLessThan(300);
    const partner = await api('GET', '/partners/DIST-NORTH', as('demo-admin'));
    const banked = await api('PUT', '/partners/DIST-NORTH', {
      ...as('demo-admin'),
      headers: { 'if-match': partner.headers.get('etag') ?? '' },
      body: {
        ...partner.json,
        remittance: {
          accountHolderName: 'Northwind Distribution',
          iban: 'DE89 3704 0044 0532 0130 00',
          bic: 'COBADEFFXXX',
        },
      },
    });
    expect(banked.status).toBe(200);
    const adjustment = await api('POST', '/adjustments', {
      ...finance(),
      body: coopAdjustment('500.00', 'Co-op fund for the payments test'),
    });
    const decided = await api('POST', `/adjustments/${adjustment.json.adjustmentId}/decision`, {
      ...as('demo-approver'),
      headers: { 'if-match': '"1"' },
      body: { decision: 'approve' },
    });
    expect(decided.json.status).toBe('approved');
  }, 60_000);

  it('the demo seed shows the partner a claim in each status, the scheduled and paid ones in its payments', async () => {
    const expected = Object.fromEntries(demoClaims.map((claim) => [claim.reference, claim.status]));
    expect(local.stack.seededClaims.map((claim) => [claim.reference, claim.status])).toEqual(
      Object.entries(expected),
    );
    const listed = await api('GET', '/claims?limit=100', north());
    const statusOf = new Map(
      listed.json.items.map((claim: { lines: { reference: string }[]; status: string }) => [
        claim.lines[0]?.reference,
        claim.status,
      ]),
    );
    for (const [reference, status] of Object.entries(expected))
      expect(statusOf.get(reference), reference).toBe(status);
    const payments = (await api('GET', '/payment-batches', north())).json.items;
    const paidIn = (reference: string) =>
      payments.find((payment: { claims: { references: string[] }[] }) =>
        payment.claims.some((claim) => claim.references.includes(reference)),
      );
    expect(paidIn('DEMO-SW-JAN')).toMatchObject({ status: 'paid', batchStatus: 'paid' });
    expect(paidIn('DEMO-SW-FEB')).toMatchObject({ status: 'scheduled', batchStatus: 'approved' });
  });

  it('a partner’s claim is validated, approved by approver then finance, paid in a batch a second finance user approved; claim, remittance, checkbook and GL agree to the cent', async () => {
    const bookBefore = await coopBook();
    const submitted = await api('POST', '/claims', {
      ...north(),
      body: coopClaim(claimAmount, 'PAY-E2E-BOOTH'),
    });
    expect(submitted.status).toBe(201);
    expect(submitted.json.status).toBe('validated');
    claimId = submitted.json.claimId;
    await approveThroughInboxes(claimId);
    // The workflow settles after the last decision (the claim posting); batch it only once that is done.
    const claimedOf = (book: Record<string, string>) => new Decimal(book.claimed ?? '0');
    await eventually(coopBook, (book) => claimedOf(book).minus(claimedOf(bookBefore)).eq(claimAmount));

    const executionDate = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    const created = await api('POST', '/payment-batches', {
      ...finance(),
      body: {
        currency: 'USD',
        method: 'bankTransfer',
        payableUpTo: today(),
        requestedExecutionDate: executionDate,
      },
    });
    expect(created.status).toBe(201);
    batchId = created.json.batchId;
    expect(await claimStatus(claimId)).toBe('scheduled');
    const creatorApproves = await api('POST', `/payment-batches/${batchId}/approve`, finance());
    expect(creatorApproves.status).toBe(403);
    const approved = await api('POST', `/payment-batches/${batchId}/approve`, { token: secondFinance });
    expect(approved.status).toBe(200);
    expect(approved.json.status).toBe('approved');

    const { batch, payment } = await batchWithNorth(batchId);
    expect(payment.claims.find((claim: { claimId: string }) => claim.claimId === claimId)?.amount).toBe(
      claimAmount,
    );
    const bankFile = await download(
      `/payment-batches/${batchId}/pain001`,
      local.stack.tokens['demo-finance'],
    );
    expect(bankFile.status).toBe(200);
    expect(bankFile.type).toMatch(/xml/);
    const xml = bankFile.text;
    expect(xml.startsWith('<?xml')).toBe(true);
    expect(xml).toContain('urn:iso:std:iso:20022:tech:xsd:pain.001.001.09');
    // Well-formed enough for a bank: every element that opens closes, in order.
    const openElements: string[] = [];
    for (const [, closing, name, selfClosing] of xml.matchAll(/<(\/?)([A-Za-z][\w:.-]*)[^>]*?(\/?)>/g)) {
      if (selfClosing) continue;
      if (closing) expect(openElements.pop()).toBe(name);
      else openElements.push(name ?? '');
    }
    expect(openElements).toEqual([]);
    expect(xmlValue(xml, 'NbOfTxs').map((match) => match[1])).toContain(String(batch.paymentCount));
    expect(xmlValue(xml, 'CtrlSum').map((match) => match[1])).toContain(batch.total);
    const sumOfInstructed = xmlValue(xml, 'InstdAmt').reduce(
      (sum, match) => sum.plus(match[1] ?? '0'),
      new Decimal(0),
    );
    expect(sumOfInstructed.toFixed(2)).toBe(batch.total);
    // DIST-NORTH's transaction: its account, and the amount of its payment to the cent.
    const northBlock = xml.split('<CdtTrfTxInf>').find((block) => block.includes('DE89370400440532013000'));
    expect(northBlock).toContain(`<InstdAmt Ccy="USD">${payment.amount}</InstdAmt>`);
    expect(northBlock).toContain(claimId);

    const paid = await api('POST', `/payment-batches/${batchId}/paid`, finance());
    expect(paid.status).toBe(200);
    expect(paid.json.status).toBe('paid');

    // The partner: the claim paid, its payment with the expected payment date, its remittance advice.
    const claim = (await api('GET', `/claims/${claimId}`, north())).json;
    expect(claim).toMatchObject({ status: 'paid', amountApproved: claimAmount });
    const mine = (await api('GET', '/payment-batches', north())).json.items;
    expect(mine.find((each: { batchId: string }) => each.batchId === batchId)).toMatchObject({
      partnerId: 'DIST-NORTH',
      amount: payment.amount,
      batchStatus: 'paid',
      expectedPaymentDate: executionDate,
    });
    const remittance = await download(
      `/payment-batches/${batchId}/remittance?partnerId=DIST-NORTH`,
      local.stack.tokens['demo-partner-dist-north'],
    );
    expect(remittance.status).toBe(200);
    const [header = '', ...rows] = remittance.text.trim().split(/\r?\n/);
    const columns = header.split(',');
    const row = rows.find((line) => line.includes(claimId))?.split(',') ?? [];
    expect(row[columns.indexOf('claimAmount')]).toBe(claimAmount);
    expect(row[columns.indexOf('paymentStatus')]).toBe('paid');
    expect(row[columns.indexOf('expectedPaymentDate')]).toBe(executionDate);

    // The checkbook moved by the claim on claimed and paid, nothing left payable of it.
    const bookAfter = await coopBook();
    const moved = (figure: string) => new Decimal(bookAfter[figure]).minus(bookBefore[figure]).toFixed(2);
    expect([moved('claimed'), moved('paid'), moved('payable')]).toEqual([claimAmount, claimAmount, '0.00']);

    // The GL journal: the claim entry (liability → payables) and the payment (payables → cash), balanced.
    const journal = await api(
      'GET',
      `/gl-journal?format=json&from=${today()}&to=${today()}&partnerId=DIST-NORTH`,
      finance(),
    );
    expect(journal.status).toBe(200);
    const entryOf = (postingId: string) =>
      journal.json.entries.find((entry: { postingId: string }) => entry.postingId === postingId);
    for (const postingId of [`claim#${claimId}`, `PAY-${batchId}-${claimId}`]) {
      const entry = entryOf(postingId);
      expect(entry, postingId).toBeDefined();
      const debits = entry.lines.reduce(
        (sum: Decimal, line: { debit: string }) => sum.plus(line.debit),
        new Decimal(0),
      );
      const credits = entry.lines.reduce(
        (sum: Decimal, line: { credit: string }) => sum.plus(line.credit),
        new Decimal(0),
      );
      expect([debits.toFixed(2), credits.toFixed(2)]).toEqual([claimAmount, claimAmount]);
    }
    for (const total of journal.json.totals) expect(total.debit).toBe(total.credit);
  }, 60_000);

  it('a returned payment makes the claim payable again; two finance users marking its next batch paid at once: one 200, one 409', async () => {
    expect(batchId).not.toBe('');
    const paidBefore = (await coopBook()).paid;
    const returned = await api('POST', `/payment-batches/${batchId}/payments/DIST-NORTH/returned`, {
      ...finance(),
      body: { reason: 'AC04 closed account' },
    });
    expect(returned.status).toBe(200);
    expect(returned.json.status).toBe('returned');
    expect(await claimStatus(claimId)).toBe('approved');
    expect(new Decimal((await coopBook()).paid).minus(paidBefore).toFixed(2)).toBe(`-${claimAmount}`);
    const again = await api('POST', `/payment-batches/${batchId}/payments/DIST-NORTH/returned`, {
      ...finance(),
      body: { reason: 'AC04 closed account' },
    });
    expect(again.status).toBe(409);

    const rebatch = await api('POST', '/payment-batches', {
      ...finance(),
      body: { currency: 'USD', method: 'check', payableUpTo: today() },
    });
    expect(rebatch.status).toBe(201);
    const nextBatch = rebatch.json.batchId;
    const { payment } = await batchWithNorth(nextBatch);
    expect(payment.claims.map((claim: { claimId: string }) => claim.claimId)).toContain(claimId);
    expect(
      (await api('POST', `/payment-batches/${nextBatch}/approve`, { token: secondFinance })).status,
    ).toBe(200);
    const race = await Promise.all([
      api('POST', `/payment-batches/${nextBatch}/paid`, finance()),
      api('POST', `/payment-batches/${nextBatch}/paid`, { token: secondFinance }),
    ]);
    expect(race.map((answer) => answer.status).sort()).toEqual([200, 409]);
    expect(await claimStatus(claimId)).toBe('paid');
    expect((await coopBook()).paid).toBe(paidBefore);
  }, 60_000);

  it('another partner sees none of it: claims, answers, listings and their cursors, batches, remittance, inbox, checkbook', async () => {
    expect(batchId).not.toBe('');
    const acme = as('demo-partner-res-acme');
    // DIST-NORTH has a second claim (refused for its currency: stored, nothing reserved), so listings page.
    const second = await api('POST', '/claims', {
      ...north(),
      body: coopClaim('1.00', 'PAY-E2E-EUR', { currency: 'EUR' }),
    });
    expect(second.json.status).toBe('validationFailed');

    expect((await api('GET', `/claims/${claimId}`, acme)).status).toBe(404);
    // 404, not the 409 its owner gets for a claim not waiting for an answer: nothing tells it the claim exists.
    const answer = { answer: 'not mine' };
    expect((await api('POST', `/claims/${claimId}/answer`, { ...north(), body: answer })).status).toBe(409);
    expect((await api('POST', `/claims/${claimId}/answer`, { ...acme, body: answer })).status).toBe(404);
    for (const query of ['', '?partnerId=DIST-NORTH', '?status=paid', '?programId=COOP-2026']) {
      const listed = await api('GET', `/claims${query}`, acme);
      expect(listed.status).toBe(200);
      expect(
        listed.json.items.filter((claim: { partnerId: string }) => claim.partnerId !== 'RES-ACME'),
      ).toEqual([]);
    }
    const northPage = await api('GET', '/claims?limit=1', north());
    expect(northPage.json.nextCursor).toBeDefined();
    const borrowed = await api(
      'GET',
      `/claims?limit=1&cursor=${encodeURIComponent(northPage.json.nextCursor)}`,
      acme,
    );
    expect(borrowed.status).toBe(400);
    expect(borrowed.json.errors.map((error: { path: string }) => error.path)).toEqual(['query.cursor']);

    const payments = await api('GET', '/payment-batches', acme);
    expect(payments.status).toBe(200);
    expect(
      payments.json.items.filter((item: { partnerId?: string }) => item.partnerId !== 'RES-ACME'),
    ).toEqual([]);
    const northPayments = await api('GET', '/payment-batches?limit=1', north());
    expect(northPayments.json.items).toHaveLength(1);
    expect(northPayments.json.nextCursor).toBeDefined();
    const borrowedPayments = await api(
      'GET',
      `/payment-batches?limit=1&cursor=${encodeURIComponent(northPayments.json.nextCursor)}`,
      acme,
    );
    expect(borrowedPayments.status).toBe(400);
    expect((await api('GET', `/payment-batches/${batchId}`, acme)).status).toBe(404);
    for (const partnerId of ['DIST-NORTH', 'RES-ACME']) {
      const advice = await download(
        `/payment-batches/${batchId}/remittance?partnerId=${partnerId}`,
        acme.token,
      );
      expect(advice.status).toBe(404);
      expect(advice.text).not.toContain(claimId);
    }
    expect(
      (
        await api('POST', `/payment-batches/${batchId}/payments/DIST-NORTH/returned`, {
          ...acme,
          body: { reason: 'x' },
        })
      ).status,
    ).toBe(403);
    expect((await api('GET', '/approvals', acme)).status).toBe(403);
    expect((await api('GET', '/approvals', north())).status).toBe(403);
    expect((await api('GET', '/partners/DIST-NORTH/checkbook', acme)).status).toBe(404);
  });

  it('bad input is a problem: over-precise amount 400, unknown currency 400, nothing payable in EUR 422, unknown batch 404', async () => {
    const overPrecise = await api('POST', '/claims', {
      ...north(),
      body: coopClaim('10.005', 'PAY-E2E-PRECISE'),
    });
    expect(overPrecise.status).toBe(400);
    expect(overPrecise.json.errors.map((error: { path: string }) => error.path)).toEqual(['lines.0.amount']);
    const batch = (currency: string) =>
      api('POST', '/payment-batches', {
        ...finance(),
        body: { currency, method: 'check', payableUpTo: today() },
      });
    const unknownCurrency = await batch('ZZZ');
    expect(unknownCurrency.status).toBe(400);
    expect(unknownCurrency.json.errors.map((error: { path: string }) => error.path)).toEqual(['currency']);
    expect((await batch('EUR')).status).toBe(422);
    for (const route of ['', '/approve', '/paid']) {
      const method = route === '' ? 'GET' : 'POST';
      expect((await api(method, `/payment-batches/PB-000000000000${route}`, finance())).status).toBe(404);
    }
    expect((await api('GET', '/payment-batches/not-a-batch', finance())).status).toBe(400);
  });

  it('a batch too large for the request answers 202 building and is built in the background into a draft', async () => {
    const table = {
      TABLE_NAME: local.stack.tableName,
      AWS_REGION: 'us-east-1',
      DYNAMODB_ENDPOINT: local.stack.endpoints.dynamoDb,
    };
    const store = new DynamoClaimStore(createDocumentClient(table), table.TABLE_NAME);
    const count = inlineBuildLimit + 1;
    for (let index = 0; index < count; index++) {
      const claim = payableClaim(`CLM-BG-${index}`, {
        partnerId: 'DIST-NORTH',
        currency: 'GBP',
        amountApproved: '0.01',
      });
      expect(await store.create(claim)).toBe(true);
    }

    const requested = await api('POST', '/payment-batches', {
      ...finance(),
      body: { currency: 'GBP', method: 'creditMemo', payableUpTo: '2026-02-28' },
    });
    expect(requested.status).toBe(202);
    expect(requested.json).toMatchObject({ status: 'building', claimCount: count, total: '5.01' });
    const { batchId } = requested.json;
    const built = await eventually(
      async () => (await api('GET', `/payment-batches/${batchId}`, finance())).json,
      (batch) => batch.status !== 'building',
    );
    expect(built).toMatchObject({ status: 'draft', claimCount: count, total: '5.01', paymentCount: 1 });
    expect(built.payments[0].claims).toHaveLength(count);
    const claim = await api('GET', '/claims/CLM-BG-7', north());
    expect(claim.json).toMatchObject({
      status: 'scheduled',
      paymentBatchId: batchId,
    });
  });
});
