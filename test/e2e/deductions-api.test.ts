import Decimal from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { coopClaim } from './coop-claim';
import { localStackPerFile } from './local-api';

const local = localStackPerFile('programs');
const { api } = local;
let paidBefore: Decimal;
const settledIds: string[] = [];

const token = (user: string) => local.stack.tokens[user];
const manager = () => token('demo-channel-manager');
const finance = () => token('demo-finance');
const approver = () => token('demo-approver');
const admin = () => token('demo-admin');
const north = () => token('demo-partner-dist-north');
const header = 'partner,invoice,amount,currency,reason,reference';
const today = () => new Date().toISOString().slice(0, 10);

async function coopBook() {
  const books = await api('GET', '/partners/DIST-NORTH/checkbook?programId=COOP-2026', { token: finance() });
  expect(books.status).toBe(200);
  return books.json.items.find((item: { fund: string }) => item.fund === 'coop');
}

beforeAll(async () => {
  // Claims below 100.00 USD are approved by the system: approved claims without an inbox round trip.
  const current = await api('GET', '/approval-policy', { token: admin() });
  const { isDefault: _default, ...policy } = current.json;
  const autoApprove = {
    ...policy,
    thresholds: { ...policy.thresholds, USD: { autoApproveBelow: '100.00', singleApproverUpTo: '1000.00' } },
  };
  expect((await api('PUT', '/approval-policy', { token: admin(), body: autoApprove })).status).toBe(201);
  paidBefore = new Decimal((await coopBook())?.paid ?? '0');
});

/** A coop claim for DIST-NORTH, submitted by the channel manager and approved by the system. */
async function approvedClaim(amount: string, reference: string): Promise<string> {
  const submitted = await api('POST', '/claims', {
    token: manager(),
    body: coopClaim(amount, reference, { partnerId: 'DIST-NORTH' }),
  });
  expect(submitted.status).toBe(201);
  const claimId = submitted.json.claimId as string;
  for (let attempt = 0; attempt < 200; attempt++) {
    const claim = await api('GET', `/claims/${claimId}`, { token: finance() });
    if (claim.json.status === 'approved') return claimId;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`${claimId} was not approved`);
}

const importCsv = (lines: string[]) =>
  api('POST', '/deductions', { token: finance(), body: { csv: [header, ...lines].join('\n') } });

describe('deductions through the HTTP API', () => {
  it('a partner user gets 403 on every deduction route', async () => {
    const path = '/deductions/DED-000000000000';
    const calls: [string, string, unknown][] = [
      ['POST', '/deductions', { csv: header }],
      ['GET', '/deductions', undefined],
      ['GET', path, undefined],
      ['POST', `${path}/match`, { claims: [{ claimId: 'CLM-X', amount: '1.00' }] }],
      ['POST', `${path}/write-off`, { reasonCode: 'unsupported' }],
    ];
    for (const [method, route, body] of calls) {
      expect((await api(method, route, { token: north(), body })).status, `${method} ${route}`).toBe(403);
    }
    expect((await api('POST', '/deductions', { token: approver(), body: { csv: header } })).status).toBe(403);
  });

  it('imports a CSV: a bad line is rejected with line, field and reason; a unique match settles an approved claim', async () => {
    const claimId = await approvedClaim('7.13', 'E2E-DED-AUTO');

    const imported = await importCsv([
      'DIST-NORTH,INV-E2E-1,7.13,USD,coop rebate,E2E-DED-AUTO',
      'DIST-NORTH,INV-E2E-2,7.1x,USD,coop rebate,',
    ]);

    expect(imported.status).toBe(200);
    expect(imported.json).toMatchObject({ imported: 1, duplicates: 0, matchedAutomatically: 1, open: 0 });
    expect(imported.json.rejected).toEqual([
      { lineNumber: 3, field: 'amount', reason: expect.stringContaining('positive decimal') },
    ]);
    const [deduction] = imported.json.deductions;
    expect(deduction).toMatchObject({ status: 'matched', matches: [{ claimId, amount: '7.13' }] });
    settledIds.push(deduction.deductionId);
    const seen = await api('GET', `/claims/${claimId}`, { token: north() });
    expect(seen.json).toMatchObject({
      status: 'paid',
      settledBy: 'deduction',
      deductionSettlements: [{ deductionId: deduction.deductionId, amount: '7.13' }],
    });
    const again = await importCsv(['DIST-NORTH,INV-E2E-1,7.13,USD,coop rebate,E2E-DED-AUTO']);
    expect(again.json).toMatchObject({ imported: 0, duplicates: 1 });
  });

  it('splits a deduction across two claims by hand; a second match of it is 409', async () => {
    const first = await approvedClaim('11.00', 'E2E-DED-SPLIT-1');
    const second = await approvedClaim('12.00', 'E2E-DED-SPLIT-2');
    const imported = await importCsv(['DIST-NORTH,INV-E2E-3,20.37,USD,two promotions,']);
    const [open] = imported.json.deductions;
    expect(open.status).toBe('open');

    const match = (claims: unknown) =>
      api('POST', `/deductions/${open.deductionId}/match`, { token: finance(), body: { claims } });
    const over = await match([
      { claimId: first, amount: '11.01' },
      { claimId: second, amount: '9.36' },
    ]);
    expect(over.status).toBe(422);
    expect(over.json.errors).toEqual([expect.objectContaining({ path: 'claims.0.amount' })]);
    const split = await match([
      { claimId: first, amount: '11.00' },
      { claimId: second, amount: '9.37' },
    ]);
    expect(split.status).toBe(200);
    expect(split.json.deduction).toMatchObject({
      status: 'matched',
      matched: { automatic: false, difference: '0.00' },
    });
    expect(split.json.claims.map((claim: { status: string }) => claim.status)).toEqual(['paid', 'approved']);
    settledIds.push(open.deductionId);
    expect((await match([{ claimId: second, amount: '2.63' }])).status).toBe(409);
  });

  it('writes one off with a reason code; the aging report lists the open ones, oldest first', async () => {
    const imported = await importCsv([
      'DIST-NORTH,INV-E2E-4,3.99,USD,freight,',
      'DIST-NORTH,INV-E2E-5,413.77,USD,unknown,',
    ]);
    const [small, unknown] = imported.json.deductions;
    const path = `/deductions/${small.deductionId}/write-off`;
    expect((await api('POST', path, { token: finance(), body: { reasonCode: 'goodwill' } })).status).toBe(
      400,
    );
    const written = await api('POST', path, { token: finance(), body: { reasonCode: 'belowThreshold' } });
    expect(written.status).toBe(200);
    expect(written.json).toMatchObject({ status: 'writtenOff', writeOff: { code: 'belowThreshold' } });
    expect((await api('POST', path, { token: finance(), body: { reasonCode: 'unsupported' } })).status).toBe(
      409,
    );

    const aging = await api('GET', '/deductions?status=open', { token: approver() });
    expect(aging.status).toBe(200);
    const ids = aging.json.items.map((item: { deductionId: string }) => item.deductionId);
    expect(ids).toContain(unknown.deductionId);
    expect(ids).not.toContain(small.deductionId);
    expect(
      aging.json.items.find((item: { deductionId: string }) => item.deductionId === unknown.deductionId),
    ).toMatchObject({
      ageInDays: 0,
      agingBucket: '0-30',
    });
    const single = await api('GET', `/deductions/${small.deductionId}`, { token: approver() });
    expect(single.json.status).toBe('writtenOff');
  });

  it('the checkbook’s paid and the GL journal agree to the cent, and the journal balances', async () => {
    const paid = new Decimal((await coopBook())?.paid ?? '0');
    expect(paid.minus(paidBefore).toFixed(2)).toBe('27.50');
    const journal = await api('GET', `/gl-journal?from=${today()}&to=${today()}&format=json`, {
      token: finance(),
    });
    expect(journal.status).toBe(200);
    for (const total of journal.json.totals) expect(total.debit).toBe(total.credit);
    const lines = journal.json.entries
      .filter((entry: { memo: string }) => settledIds.some((id) => entry.memo.includes(id)))
      .flatMap((entry: { lines: { account: string; debit: string; credit: string }[] }) => entry.lines);
    const sum = (account: string, side: 'debit' | 'credit') =>
      lines
        .filter((line: { account: string }) => line.account === account)
        .reduce(
          (total: Decimal, line: Record<string, string>) => total.plus(line[side] ?? '0'),
          new Decimal(0),
        )
        .toFixed(2);
    expect([sum('2000', 'debit'), sum('1200', 'credit')]).toEqual(['27.50', '27.50']);
  });
});
