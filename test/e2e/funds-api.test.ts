import { describe, expect, it } from 'vitest';
import { addDays } from '../../domain/funds/fund';
import { sameDayYearBefore } from '../../domain/funds/fund-roi';
import { signLocalToken } from '../../infra/local/local-auth';
import { taskInInbox } from './approval-inbox';
import { localStackPerFile } from './local-api';
import { uploadPos } from './pos-upload';

/**
 * Issue 14's fund flow through the HTTP API of the local stack: a channel manager allocates MDF to
 * DIST-NORTH → the partner asks for pre-approval → its workflow puts a task in the approvers' inbox → an
 * approver approves it there (reserved) → the partner uploads
 * evidence through a presigned URL and claims → finance approves → the mdf claim is paid in a payment batch
 * a second finance user approved → utilization shows it claimed and paid. And another partner sees none of it;
 * the demo seed leaves a request in each status.
 */
const local = localStackPerFile('funds');
const { api } = local;

const as = (user: string) => ({ token: local.stack.tokens[user] });
const north = () => as('demo-partner-dist-north');
const acme = () => as('demo-partner-res-acme');
const finance = () => as('demo-finance');
const today = () => new Date().toISOString().slice(0, 10);

/** The fund request's task in `user`'s approvals inbox, once its workflow opened it. */
const requestTask = (user: string, requestId: string) => taskInInbox(api, as(user).token, requestId);
/** Decides an inbox task as `user`. */
const decide = (user: string, taskId: string, body: unknown) =>
  api('POST', `/approvals/${encodeURIComponent(taskId)}/decision`, { ...as(user), body });

/** A channel manager allocates an MDF budget in USD to a partner (FY2026, 30-day claim window). */
const allocateMdf = (partnerId: string, amount: string, validFrom: string, validTo: string) =>
  api('POST', '/funds', {
    ...as('demo-channel-manager'),
    body: {
      kind: 'discretionary',
      partnerId,
      name: `MDF e2e ${partnerId}`,
      period: 'FY2026',
      currency: 'USD',
      amount,
      validFrom,
      validTo,
      claimWindowDays: 30,
    },
  });

describe('co-op/MDF funds through the HTTP API', () => {
  it('allocate → request → approve → evidence upload → claim → approve → payment batch → paid', async () => {
    const fund = await allocateMdf('DIST-NORTH', '5000.00', addDays(today(), -10), addDays(today(), 80));
    expect(fund.status).toBe(201);
    const fundId = fund.json.fundId as string;
    expect((await api('GET', `/funds/${fundId}`, north())).json.balances.available).toBe('5000.00');

    const request = await api('POST', '/fund-requests', {
      ...north(),
      body: {
        fundId,
        activityType: 'event',
        description: 'Customer evening',
        startDate: addDays(today(), 1),
        endDate: addDays(today(), 2),
        plannedCost: '3000.00',
        sharePercent: '50',
      },
    });
    expect(request.status).toBe(201);
    expect(request.json.requestedAmount).toBe('1500.00');
    const requestId = request.json.requestId as string;
    const forged = await api('POST', '/fund-requests', {
      ...acme(),
      body: {
        fundId,
        activityType: 'event',
        description: 'Not my fund',
        startDate: addDays(today(), 1),
        endDate: addDays(today(), 2),
        plannedCost: '100.00',
        sharePercent: '50',
      },
    });
    expect(forged.status).toBe(404);

    const task = await requestTask('demo-approver', requestId);
    expect(task).toMatchObject({
      kind: 'decision',
      level: 'approver',
      levels: ['approver'],
      subject: {
        kind: 'fundRequest',
        id: requestId,
        partnerId: 'DIST-NORTH',
        amount: '1500.00',
        currency: 'USD',
      },
    });
    expect((await decide('demo-partner-dist-north', task.taskId, { decision: 'approve' })).status).toBe(403);
    const approved = await decide('demo-approver', task.taskId, { decision: 'approve' });
    expect(approved.status).toBe(200);
    expect(approved.json.request).toMatchObject({ status: 'approved', approvedAmount: '1500.00' });
    expect((await decide('demo-admin', task.taskId, { decision: 'approve' })).status).toBe(409);
    expect((await api('GET', `/funds/${fundId}/utilization`, north())).json).toMatchObject({
      reserved: '1500.00',
      available: '3500.00',
    });

    const pdf = Buffer.from('%PDF-1.4\n% evidence of the customer evening\n%%EOF\n');
    const ticket = await api('POST', `/fund-requests/${requestId}/evidence-uploads`, {
      ...north(),
      body: { fileName: 'invoice.pdf', contentType: 'application/pdf', sizeBytes: pdf.length },
    });
    expect(ticket.status).toBe(201);
    const put = await fetch(ticket.json.uploadUrl, {
      method: 'PUT',
      headers: { ...ticket.json.requiredHeaders, 'content-length': String(pdf.length) },
      body: pdf,
    });
    expect(put.status).toBe(200);

    const above = await api('POST', `/fund-requests/${requestId}/claims`, {
      ...north(),
      body: { actualCost: '4000.00', amount: '1600.00', evidence: [ticket.json.key] },
    });
    expect(above.status).toBe(422);
    const claim = await api('POST', `/fund-requests/${requestId}/claims`, {
      ...north(),
      body: { actualCost: '2400.00', evidence: [ticket.json.key] },
    });
    expect(claim.status).toBe(201);
    expect(claim.json.amountClaimed).toBe('1200.00');
    const fundClaimId = claim.json.fundClaimId as string;
    expect((await api('GET', `/fund-claims/${fundClaimId}`, acme())).status).toBe(404);

    const reviewed = await api('POST', `/fund-claims/${fundClaimId}/review`, {
      ...finance(),
      body: { decision: 'approve' },
    });
    expect(reviewed.status).toBe(200);
    const claimId = reviewed.json.settlementClaimId as string;
    expect((await api('GET', `/claims/${claimId}`, north())).json).toMatchObject({
      type: 'mdf',
      status: 'approved',
      amountApproved: '1200.00',
    });

    const batch = await api('POST', '/payment-batches', {
      ...finance(),
      body: { currency: 'USD', method: 'check', payableUpTo: today() },
    });
    expect(batch.status).toBe(201);
    const batchId = batch.json.batchId as string;
    const secondFinance = await signLocalToken(local.stack.signingKey, {
      sub: 'demo-finance-2',
      role: 'finance',
    });
    expect((await api('POST', `/payment-batches/${batchId}/approve`, { token: secondFinance })).status).toBe(
      200,
    );
    expect((await api('POST', `/payment-batches/${batchId}/paid`, finance())).status).toBe(200);
    expect((await api('GET', `/claims/${claimId}`, north())).json.status).toBe('paid');

    expect((await api('GET', `/funds/${fundId}/utilization`, north())).json).toMatchObject({
      allocated: '5000.00',
      reserved: '0.00',
      claimed: '1200.00',
      paid: '1200.00',
      expired: '0.00',
      available: '3800.00',
    });
    const acmeSees = await api('GET', '/fund-utilization', acme());
    expect(acmeSees.json.items).toEqual([]);
    expect((await api('GET', `/funds/${fundId}/movements`, acme())).status).toBe(404);
  });

  it("ROI per activity type: RES-ACME's trade show (2 days) sold 1,200.00 + 300.25 against 700.00 a year before: +800.25", async () => {
    const fund = await allocateMdf('RES-ACME', '2000.00', addDays(today(), -30), addDays(today(), 30));
    const [first, second] = [addDays(today(), -20), addDays(today(), -19)];
    const request = await api('POST', '/fund-requests', {
      ...acme(),
      body: {
        fundId: fund.json.fundId,
        activityType: 'tradeShow',
        description: 'Booth at the regional fair',
        startDate: first,
        endDate: second,
        plannedCost: '1000.00',
        sharePercent: '50',
      },
    });
    expect(request.status).toBe(201);
    const task = await requestTask('demo-approver', request.json.requestId);
    const decided = await decide('demo-approver', task.taskId, { decision: 'approve' });
    expect(decided.json.request.status).toBe('approved');
    const pos = [
      'invoice_number,invoice_line,invoice_date,sku,quantity,uom,extended_amount,currency',
      `INV-ROI-1,1,${first},SW-0001,10,EA,1200.00,USD`,
      `INV-ROI-2,1,${second},SW-0001,2,EA,300.25,USD`,
      `INV-ROI-3,1,${addDays(second, 1)},SW-0001,9,EA,999.00,USD`,
      `INV-ROI-4,1,${sameDayYearBefore(first)},SW-0001,6,EA,700.00,USD`,
    ].join('\n');
    await uploadPos(api, acme().token, 'roi-pos.csv', pos);

    const roi = await api('GET', '/fund-roi', acme());
    expect(roi.status).toBe(200);
    expect(roi.json.items).toContainEqual({
      activityType: 'tradeShow',
      activities: 1,
      days: 2,
      funded: [{ amount: '500.00', currency: 'USD' }],
      sales: [{ amount: '1500.25', currency: 'USD' }],
      salesYearBefore: [{ amount: '700.00', currency: 'USD' }],
      change: [{ amount: '800.25', currency: 'USD' }],
    });
    const staff = await api('GET', '/fund-roi?partnerId=RES-ACME', as('demo-channel-manager'));
    expect(staff.json).toEqual(roi.json);
    expect((await api('GET', '/fund-roi?partnerId=RES-ACME', north())).status).toBe(404);
    const northSees = (await api('GET', '/fund-roi', north())).json;
    expect(northSees.partnerId).toBe('DIST-NORTH');
  });

  it('12,000.00 is above the default single-approver ceiling: the approver signs its task, then finance approves and reserves', async () => {
    const fund = await allocateMdf('RES-ACME', '30000.00', addDays(today(), -5), addDays(today(), 60));
    const request = await api('POST', '/fund-requests', {
      ...acme(),
      body: {
        fundId: fund.json.fundId,
        activityType: 'advertising',
        description: 'Regional print campaign',
        startDate: addDays(today(), 5),
        endDate: addDays(today(), 20),
        plannedCost: '24000.00',
        sharePercent: '50',
      },
    });
    const requestId = request.json.requestId as string;
    const first = await requestTask('demo-approver', requestId);
    expect(first).toMatchObject({ level: 'approver', levelIndex: 0, levels: ['approver', 'finance'] });
    const signed = await decide('demo-approver', first.taskId, { decision: 'approve' });
    expect(signed.json.task).toMatchObject({ status: 'decided', outcome: 'levelApproved' });
    expect(signed.json.request).toMatchObject({
      status: 'submitted',
      signatures: [{ level: 'approver', amount: '12000.00' }],
    });
    const second = await requestTask('demo-finance', requestId);
    expect(second).toMatchObject({ level: 'finance', levelIndex: 1, subject: { amount: '12000.00' } });
    // Segregation of duties: the approver who signed does not sign finance's level.
    expect((await decide('demo-approver', second.taskId, { decision: 'approve' })).status).toBe(403);
    const approved = await decide('demo-finance', second.taskId, { decision: 'approve' });
    expect(approved.json.request).toMatchObject({ status: 'approved', approvedAmount: '12000.00' });
    expect((await api('GET', `/funds/${fund.json.fundId}/utilization`, acme())).json.reserved).toBe(
      '12000.00',
    );
  });

  it('the demo seed leaves DIST-NORTH a fund request in each status, and a fund in each status', async () => {
    const statuses = local.stack.seededFundRequests.map((request) => request.status).sort();
    expect(statuses).toEqual(['approved', 'claimed', 'closed', 'closed', 'expired', 'rejected', 'submitted']);
    const requests = (await api('GET', '/fund-requests', north())).json.items;
    for (const seeded of local.stack.seededFundRequests) {
      expect(
        requests.find((each: { requestId: string }) => each.requestId === seeded.requestId)?.status,
      ).toBe(seeded.status);
    }
    const funds = (await api('GET', '/funds', north())).json.items as { status: string; name: string }[];
    expect(new Set(funds.map((fund) => fund.status))).toEqual(new Set(['active', 'expired']));
    const claims = (await api('GET', '/fund-claims', north())).json.items as { status: string }[];
    expect(claims.map((claim) => claim.status).sort()).toEqual(
      expect.arrayContaining(['approved', 'partiallyApproved', 'submitted']),
    );
    expect((await api('GET', '/fund-claims', acme())).json.items).toEqual([]);
  });
});
