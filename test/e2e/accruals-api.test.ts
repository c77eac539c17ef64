import Decimal from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { localStackPerFile } from './local-api';
import { uploadChannelCsv } from './pos-upload';

const local = localStackPerFile('programs');
const { api } = local;

const token = (user: string) => local.stack.tokens[user];
const manager = () => token('demo-channel-manager');
const approver = () => token('demo-approver');
const finance = () => token('demo-finance');
const admin = () => token('demo-admin');
const north = () => token('demo-partner-dist-north');
const acme = () => token('demo-partner-res-acme');

async function waitForRun(runId: string) {
  for (let attempt = 0; attempt < 300; attempt++) {
    const run = await api('GET', `/accrual-runs/${runId}`, { token: finance() });
    if (run.json.status === 'completed' || run.json.status === 'failed') return run.json;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`run ${runId} never finished`);
}

const sum = (amounts: readonly string[]) =>
  amounts.reduce((total, amount) => total.plus(amount), new Decimal(0)).toFixed(2);

const march = { period: { start: '2026-03-01', end: '2026-03-31' } };

describe('demo month-end run at start-up', () => {
  it('accrues the demo programs over the demo March files through the workflow', () => {
    const run = local.stack.demoRun;
    expect(run?.status).toBe('completed');
    // 150 + 120 + 80 accepted sale lines in the CSV, XLSX and 867 demo files.
    expect(run?.lineCount).toBe(350);
    expect(run?.results.map((result) => result.programId)).toEqual([
      'COOP-2026',
      'PROMO-WIFI-MAR',
      'VOL-ALL-STEPPED',
      'VOL-SWITCH-2026',
    ]);
    for (const result of run?.results ?? []) expect(result.postings).toBeGreaterThan(0);
  });
});

describe('near-tier alerts after the demo run', () => {
  const south = () => token('demo-partner-dist-south');
  const alerts = async (query: string, bearer: string | undefined) =>
    api('GET', `/near-tier-alerts${query}`, { token: bearer });

  it('lists DIST-SOUTH 16,325.00 USD short of 2 % on VOL-ALL-STEPPED (within its 15 %), published once', async () => {
    await local.stack.eventDeliveriesSettled();
    const progress = await api('GET', '/partners/DIST-SOUTH/program-progress?asOf=2026-03-31', {
      token: finance(),
    });
    const [pool] = progress.json.items.find(
      (item: { programId: string }) => item.programId === 'VOL-ALL-STEPPED',
    ).tiers;

    const listed = await alerts('', manager());

    expect(listed.status).toBe(200);
    expect(listed.json.items).toEqual([
      expect.objectContaining({
        runId: local.stack.demoRun?.runId,
        programId: 'VOL-ALL-STEPPED',
        period: 'FY2026-Q1',
        periodEnd: '2026-03-31',
        partnerId: 'DIST-SOUTH',
        shortfall: new Decimal(pool.gap).toFixed(2),
        nextTier: pool.nextTier,
        message: 'DIST-SOUTH is 16,325.00 USD short of 2 % on VOL-ALL-STEPPED',
      }),
    ]);
    const published = local.stack.eventBus.published.filter(
      (event) => event.detailType === 'PartnerNearTier',
    );
    expect(published.map((event) => (event.detail as { alertId: string }).alertId)).toEqual([
      `${local.stack.demoRun?.runId}/VOL-ALL-STEPPED/FY2026-Q1/DIST-SOUTH`,
    ]);
  });

  it('filters by program and partner for staff; approvers have no list; a bad limit names the field', async () => {
    expect((await alerts('?programId=VOL-ALL-STEPPED', finance())).json.items).toHaveLength(1);
    expect((await alerts('?programId=VOL-SWITCH-2026', admin())).json.items).toEqual([]);
    expect((await alerts('?partnerId=DIST-NORTH', manager())).json.items).toEqual([]);
    expect((await alerts('?partnerId=DIST-SOUTH&limit=1', manager())).json.items).toHaveLength(1);
    expect((await alerts('', approver())).status).toBe(403);
    const bad = await alerts('?limit=0', manager());
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('limit');
  });

  it("shows a partner its own alerts only; another partner's id is not found", async () => {
    expect((await alerts('', south())).json.items.map((a: { partnerId: string }) => a.partnerId)).toEqual([
      'DIST-SOUTH',
    ]);
    expect((await alerts('', north())).json.items).toEqual([]);
    expect((await alerts('?partnerId=DIST-SOUTH', north())).status).toBe(404);
    expect((await alerts('?partnerId=DIST-NORTH', south())).status).toBe(404);
    expect((await alerts('', undefined)).status).toBe(401);
  });
});

/** A monthly unit rebate whose second tier (1,000,000 units) no demo partner reaches. */
const definition = {
  programId: 'E2E-LIFECYCLE',
  name: 'Lifecycle test rebate',
  currency: 'USD',
  periodGranularity: 'month',
  eligibility: { startDate: '2026-01-01', partners: ['DIST-NORTH'] },
  terms: {
    kind: 'volume',
    basis: 'quantity',
    method: 'retrospective',
    rateType: 'amountPerUnit',
    tiers: [
      { from: '0', rate: '1' },
      { from: '1000000', rate: '2' },
    ],
  },
};

describe('program lifecycle', () => {
  it('drafts, refuses self-approval and partners, activates by an approver, and closes', async () => {
    expect((await api('POST', '/programs', { token: finance(), body: definition })).status).toBe(403);
    const created = await api('POST', '/programs', { token: manager(), body: definition });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: 'draft', active: null, draftedBy: 'demo-channel-manager' });

    const bad = await api('POST', '/programs', {
      token: manager(),
      body: { ...definition, programId: 'E2E-BAD', terms: { ...definition.terms, tiers: [] } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('terms.tiers');

    expect((await api('GET', '/programs/E2E-LIFECYCLE', { token: north() })).status).toBe(403);
    expect(
      (
        await api('POST', '/programs/E2E-LIFECYCLE/activate', {
          token: manager(),
          headers: { 'if-match': '"1"' },
        })
      ).status,
    ).toBe(403);
    const activated = await api('POST', '/programs/E2E-LIFECYCLE/activate', {
      token: approver(),
      headers: { 'if-match': '"1"' },
    });
    expect(activated.status).toBe(200);
    expect(activated.json).toMatchObject({ status: 'active', draft: null, active: { version: 1 } });

    const amended = await api('PUT', '/programs/E2E-LIFECYCLE/draft', {
      token: admin(),
      headers: { 'if-match': '"2"' },
      body: { ...definition, name: 'Lifecycle test rebate, amended' },
    });
    expect(amended.json).toMatchObject({ status: 'active', active: { version: 1 }, draftedBy: 'demo-admin' });
    const selfApproved = await api('POST', '/programs/E2E-LIFECYCLE/activate', {
      token: admin(),
      headers: { 'if-match': '"3"' },
    });
    expect(selfApproved.status).toBe(422);
    const second = await api('POST', '/programs/E2E-LIFECYCLE/activate', {
      token: approver(),
      headers: { 'if-match': '"3"' },
    });
    expect(second.json.active).toMatchObject({ version: 2, name: 'Lifecycle test rebate, amended' });
    const v1 = await api('GET', '/programs/E2E-LIFECYCLE/versions/1', { token: finance() });
    expect(v1.json.program.name).toBe('Lifecycle test rebate');

    const closed = await api('POST', '/programs/E2E-LIFECYCLE/close', {
      token: approver(),
      headers: { 'if-match': '"4"' },
      body: { reason: 'test over' },
    });
    expect(closed.json).toMatchObject({ status: 'closed', closeReason: 'test over' });
  });
});

describe('on-demand runs, ledger and journal', () => {
  it('only finance or admin start runs, and a bad period is a 400 with the field', async () => {
    expect((await api('POST', '/accrual-runs', { token: manager(), body: march })).status).toBe(403);
    const bad = await api('POST', '/accrual-runs', {
      token: finance(),
      body: { period: { start: '2026-03-31', end: '2026-03-01' } },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('period.end');
  });

  it('re-running the same month posts nothing, and the replay reproduces the demo run exactly', async () => {
    const started = await api('POST', '/accrual-runs', { token: finance(), body: march });
    expect(started.status).toBe(202);
    const run = await waitForRun(started.json.runId);
    expect(run.status).toBe('completed');
    expect(run.results.map((result: { postings: number }) => result.postings)).toEqual([0, 0, 0, 0]);
    const replay = await api('POST', `/accrual-runs/${local.stack.demoRun?.runId}/replay`, {
      token: finance(),
    });
    expect(replay.json.identical).toBe(true);
    expect(replay.json.programs).toHaveLength(4);
  });

  it('explains every entry: trace components add up to the entry, and postings to the entries', async () => {
    const runId = local.stack.demoRun?.runId;
    const entries = await api('GET', `/accrual-runs/${runId}/programs/VOL-SWITCH-2026/entries`, {
      token: finance(),
    });
    expect(entries.json.items.length).toBeGreaterThan(0);
    for (const entry of entries.json.items) {
      expect(entry.trace.roundedAmount).toBe(entry.amount);
      expect(sum(entry.trace.components.map((c: { roundedAmount: string }) => c.roundedAmount))).toBe(
        new Decimal(entry.amount).toFixed(2),
      );
      expect(entry.trace.components[0].tierReached).not.toBeNull();
    }
    const postings = await api('GET', `/accrual-runs/${runId}/postings`, { token: finance() });
    const switchPostings = postings.json.items.filter(
      (posting: { programId: string }) => posting.programId === 'VOL-SWITCH-2026',
    );
    expect(sum(switchPostings.map((p: { amount: string }) => p.amount))).toBe(
      sum(entries.json.items.map((e: { amount: string }) => e.amount)),
    );
  });

  it('shows a partner its own checkbook only, and its own entries only', async () => {
    const own = await api('GET', '/partners/DIST-NORTH/checkbook', { token: north() });
    expect(own.status).toBe(200);
    expect(own.json.items.length).toBeGreaterThan(0);
    for (const book of own.json.items) {
      expect(book.beneficiaryPartnerId).toBe('DIST-NORTH');
      expect(book.balance).toBe(new Decimal(book.earned).plus(book.adjustments).minus(book.paid).toFixed(2));
    }
    expect((await api('GET', '/partners/DIST-NORTH/checkbook', { token: acme() })).status).toBe(404);
    const entries = await api(
      'GET',
      `/accrual-runs/${local.stack.demoRun?.runId}/programs/COOP-2026/entries?partnerId=DIST-SOUTH`,
      { token: north() },
    );
    expect(entries.status).toBe(200);
    for (const entry of entries.json.items) expect(entry.partnerId).toBe('DIST-NORTH');
    expect((await api('GET', '/gl-journal?from=2026-03-01&to=2026-03-31', { token: north() })).status).toBe(
      403,
    );
    expect((await api('GET', '/accrual-runs', { token: north() })).status).toBe(403);
  });

  it('exports a balanced GL journal as JSON and as CSV', async () => {
    const journal = await api('GET', '/gl-journal?from=2026-03-01&to=2026-03-31&format=json', {
      token: finance(),
    });
    expect(journal.status).toBe(200);
    expect(journal.json.totals).toHaveLength(1);
    const [usd] = journal.json.totals;
    expect(usd.currency).toBe('USD');
    expect(usd.debit).toBe(usd.credit);
    const units = new Set(journal.json.entries.map((entry: { businessUnit: string }) => entry.businessUnit));
    expect(units).toEqual(new Set(['NETWORKING', 'CHANNEL-MARKETING', '']));
    const csv = await fetch(`${local.stack.apiUrl}/gl-journal?from=2026-03-01&to=2026-03-31`, {
      headers: { authorization: `Bearer ${finance()}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = (await csv.text()).trim().split('\n');
    expect(rows.length).toBe(journal.json.entries.length * 2 + 1);
    const runJournal = await api('GET', `/accrual-runs/${local.stack.demoRun?.runId}/journal?format=json`, {
      token: finance(),
    });
    const runPostings = await api('GET', `/accrual-runs/${local.stack.demoRun?.runId}/postings`, {
      token: finance(),
    });
    expect(runJournal.json.entries).toHaveLength(runPostings.json.items.length);
    expect(runJournal.json.totals[0].debit).toBe(runJournal.json.totals[0].credit);
  });
});

describe('partner view and what-if', () => {
  it('shows a partner its tier, the next tier and the gap, matching what the run accrued', async () => {
    const view = await api('GET', '/partners/DIST-NORTH/program-progress?asOf=2026-03-31', {
      token: north(),
    });
    expect(view.status).toBe(200);
    const switches = view.json.items.find(
      (item: { programId: string }) => item.programId === 'VOL-SWITCH-2026',
    );
    const [pool] = switches.tiers;
    expect(pool.basis).toBe('quantity');
    expect(pool.gap).toBe(new Decimal(pool.nextTier.from).minus(pool.volume).toFixed());
    const entries = await api(
      'GET',
      `/accrual-runs/${local.stack.demoRun?.runId}/programs/VOL-SWITCH-2026/entries?partnerId=DIST-NORTH`,
      { token: north() },
    );
    const accrued = entries.json.items.filter(
      (entry: { partnerId: string }) => entry.partnerId === 'DIST-NORTH',
    );
    expect(new Decimal(switches.earned).toFixed(2)).toBe(
      sum(accrued.map((e: { amount: string }) => e.amount)),
    );
    expect((await api('GET', '/partners/DIST-NORTH/program-progress', { token: acme() })).status).toBe(404);
  });

  it('answers "if I sell the gap more switches" with the next tier reached and the extra rebate', async () => {
    const view = await api('GET', '/partners/DIST-NORTH/program-progress?asOf=2026-03-31', {
      token: north(),
    });
    const switches = view.json.items.find(
      (item: { programId: string }) => item.programId === 'VOL-SWITCH-2026',
    );
    const [pool] = switches.tiers;
    const whatIf = await api('POST', '/partners/DIST-NORTH/what-if', {
      token: north(),
      body: {
        asOf: '2026-03-31',
        category: 'SWITCHES',
        sku: 'SW-0001',
        quantity: pool.gap,
        unitPrice: '400',
      },
    });
    expect(whatIf.status).toBe(200);
    const result = whatIf.json.items.find(
      (item: { programId: string }) => item.programId === 'VOL-SWITCH-2026',
    );
    expect(result.tiersWithSale[0].tierReached.index).toBe(pool.nextTier.index);
    expect(new Decimal(result.difference).gt(0)).toBe(true);
    const bad = await api('POST', '/partners/DIST-NORTH/what-if', {
      token: north(),
      body: { category: 'SWITCHES', quantity: '-5', unitPrice: '1' },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('quantity');
  });
});

describe('manual adjustments', () => {
  it('are requested by finance, refused to their requester, and posted into the checkbook on approval', async () => {
    const before = await api('GET', '/partners/DIST-NORTH/checkbook?programId=COOP-2026', {
      token: finance(),
    });
    const request = {
      programId: 'COOP-2026',
      beneficiaryPartnerId: 'DIST-NORTH',
      fund: 'coop',
      period: '2026-03',
      currency: 'USD',
      amount: '125.5',
      reason: 'Trade show booth agreed with the partner',
    };
    expect((await api('POST', '/adjustments', { token: manager(), body: request })).status).toBe(403);
    const badAmount = await api('POST', '/adjustments', {
      token: finance(),
      body: { ...request, amount: '1.234' },
    });
    expect(badAmount.status).toBe(400);
    const requested = await api('POST', '/adjustments', { token: finance(), body: request });
    expect(requested.status).toBe(201);
    const id = requested.json.adjustmentId;
    const self = await api('POST', `/adjustments/${id}/decision`, {
      token: finance(),
      headers: { 'if-match': '"1"' },
      body: { decision: 'approve' },
    });
    expect(self.status).toBe(422);
    const approved = await api('POST', `/adjustments/${id}/decision`, {
      token: approver(),
      headers: { 'if-match': '"1"' },
      body: { decision: 'approve' },
    });
    expect(approved.json.status).toBe('approved');
    const after = await api('GET', '/partners/DIST-NORTH/checkbook?programId=COOP-2026', {
      token: finance(),
    });
    const [bookBefore] = before.json.items;
    const [bookAfter] = after.json.items;
    expect(bookAfter.adjustments).toBe(new Decimal(bookBefore.adjustments).plus('125.50').toFixed(2));
    expect(bookAfter.earned).toBe(bookBefore.earned);

    // A rerun must leave the adjustment alone: it is not an accrual the run computes.
    const rerun = await waitForRun(
      (await api('POST', '/accrual-runs', { token: finance(), body: march })).json.runId,
    );
    expect(rerun.results.every((result: { postings: number }) => result.postings === 0)).toBe(true);
  });
});

describe('month-end schedule', () => {
  it('runs the previous month when the schedule fires, once per month', async () => {
    const [arn] = local.stack.stepFunctions.stateMachineArns.filter((candidate) =>
      candidate.includes('AccrualRun'),
    );
    const first = local.stack.stepFunctions.startExecution(
      arn ?? '',
      JSON.stringify({ scheduledAt: '2026-04-01T02:00:00Z' }),
    );
    await first.done;
    // An execution is a snapshot taken when it was read; read it again once it has finished.
    expect(local.stack.stepFunctions.describeExecution(first.executionArn).status).toBe('SUCCEEDED');
    const run = await api('GET', '/accrual-runs/month-end-2026-03', { token: finance() });
    expect(run.json).toMatchObject({ trigger: 'schedule', status: 'completed', period: march.period });
  });
});

/** Uploads a POS CSV as RES-ACME through a presigned URL and waits until it is ingested. */
async function uploadAcmeSales(fileName: string, rows: readonly string[]) {
  const body = Buffer.from(
    ['invoice_number,invoice_line,invoice_date,sku,quantity,uom,extended_amount', ...rows].join('\n'),
  );
  const ticket = await api('POST', '/uploads', {
    token: acme(),
    body: { kind: 'pos', fileName, contentType: 'text/csv', sizeBytes: body.length },
  });
  const put = await fetch(ticket.json.uploadUrl, {
    method: 'PUT',
    headers: ticket.json.requiredHeaders,
    body,
  });
  expect(put.status).toBe(200);
  for (let attempt = 0; attempt < 300; attempt++) {
    const file = await api('GET', `/channel-files/${ticket.json.file.fileId}`, { token: acme() });
    if (!['awaiting_upload', 'received', 'processing'].includes(file.json.status)) {
      expect(file.json.status).toBe('completed');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${fileName} never finished`);
}

const monthRun = (start: string, end: string) => ({ period: { start, end } });
const octoberRun = monthRun('2026-10-01', '2026-10-31');

async function runAndWait(body: unknown) {
  const started = await api('POST', '/accrual-runs', { token: finance(), body });
  expect(started.status).toBe(202);
  return waitForRun(started.json.runId);
}

async function quarterPostings() {
  const book = await api('GET', '/partners/RES-ACME/checkbook?programId=E2E-Q-RETRO', { token: finance() });
  return book.json.items[0];
}

describe('run order and accounting periods', () => {
  it('the issue: Oct, Nov, Dec post 0, 420.00 and 1,280.00; re-running October keeps the quarter at 1,700.00', async () => {
    const program = {
      programId: 'E2E-Q-RETRO',
      name: 'Quarterly retrospective (issue 11)',
      currency: 'USD',
      periodGranularity: 'quarter',
      eligibility: { startDate: '2026-01-01', partners: ['RES-ACME'] },
      terms: {
        kind: 'volume',
        basis: 'revenue',
        method: 'retrospective',
        rateType: 'percentOfRevenue',
        tiers: [
          { from: '10000', rate: '3' },
          { from: '30000', rate: '5' },
        ],
      },
    };
    expect((await api('POST', '/programs', { token: manager(), body: program })).status).toBe(201);
    const activated = await api('POST', '/programs/E2E-Q-RETRO/activate', {
      token: approver(),
      headers: { 'if-match': '"1"' },
    });
    expect(activated.status).toBe(200);
    await uploadAcmeSales('q4.csv', [
      'Q4-OCT,1,2026-10-15,SW-0001,1,CS,6000.00',
      'Q4-NOV,1,2026-11-15,SW-0001,1,CS,8000.00',
      'Q4-DEC,1,2026-12-15,SW-0001,1,CS,20000.00',
    ]);

    const posted = [];
    for (const body of [
      octoberRun,
      monthRun('2026-11-01', '2026-11-30'),
      monthRun('2026-12-01', '2026-12-31'),
    ]) {
      const run = await runAndWait(body);
      posted.push(run.results.find((r: { programId: string }) => r.programId === 'E2E-Q-RETRO').posted);
    }
    expect(posted).toEqual([{}, { USD: '420.00' }, { USD: '1280.00' }]);

    const rerun = await runAndWait(octoberRun);
    const result = rerun.results.find((r: { programId: string }) => r.programId === 'E2E-Q-RETRO');
    expect(result).toMatchObject({
      postings: 0,
      periods: [{ period: 'FY2026-Q4', measuredTo: '2026-12-31' }],
    });
    expect((await quarterPostings()).earned).toBe('1700.00');
  });

  it('finance closes a month, others may not; a late October line re-run lands in the first open month', async () => {
    expect(
      (await api('POST', '/accounting-periods/2026-10/close', { token: manager(), body: {} })).status,
    ).toBe(403);
    expect((await api('POST', '/accounting-periods/2026-10/close', { token: acme(), body: {} })).status).toBe(
      403,
    );
    const bad = await api('POST', '/accounting-periods/2026-13/close', { token: finance(), body: {} });
    expect(bad.status).toBe(400);
    const closed = await api('POST', '/accounting-periods/2026-10/close', {
      token: finance(),
      body: { reason: 'October signed off' },
    });
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({
      month: '2026-10',
      status: 'closed',
      history: [{ action: 'closed', by: 'demo-finance', reason: 'October signed off' }],
    });
    expect(
      (await api('POST', '/accounting-periods/2026-10/close', { token: finance(), body: {} })).status,
    ).toBe(422);
    const listed = await api('GET', '/accounting-periods', { token: approver() });
    expect(listed.json.items).toEqual([expect.objectContaining({ month: '2026-10', status: 'closed' })]);
    expect((await api('GET', '/accounting-periods', { token: acme() })).status).toBe(403);

    // A late October file (1,000.00: 35,000 in the quarter at 5 % = 1,750.00) picked up by re-running October
    await uploadAcmeSales('late-october.csv', ['Q4-LATE,1,2026-10-20,SW-0001,1,CS,1000.00']);
    const rerun = await runAndWait(octoberRun);
    const postings = await api('GET', `/accrual-runs/${rerun.runId}/postings`, { token: finance() });
    const quarter = postings.json.items.filter((p: { programId: string }) => p.programId === 'E2E-Q-RETRO');
    expect(quarter).toEqual([
      expect.objectContaining({
        kind: 'trueUp',
        amount: '50.00',
        postedOn: '2026-11-01',
        priorPeriod: false,
      }),
    ]);
    expect((await quarterPostings()).earned).toBe('1750.00');
    const late = await api('GET', `/accrual-runs/${rerun.runId}/programs/E2E-Q-RETRO/late-lines`, {
      token: finance(),
    });
    expect(late.json.items).toEqual([
      expect.objectContaining({
        period: 'FY2026-Q4',
        postedOn: '2026-11-01',
        previouslyMeasuredTo: '2026-12-31',
        lines: [
          expect.objectContaining({
            lineId: 'RES-ACME/Q4-LATE/1',
            change: 'new',
            sourceFileId: expect.any(String),
            sourceLineNumber: 2,
          }),
        ],
      }),
    ]);
  });

  it('refuses an adjustment dated into a closed month; only an admin reopens, with a reason', async () => {
    const thisMonth = new Date().toISOString().slice(0, 7);
    expect(
      (await api('POST', `/accounting-periods/${thisMonth}/close`, { token: finance(), body: {} })).status,
    ).toBe(200);
    const requested = await api('POST', '/adjustments', {
      token: finance(),
      body: {
        programId: 'E2E-Q-RETRO',
        beneficiaryPartnerId: 'RES-ACME',
        fund: 'rebate',
        period: 'FY2026-Q4',
        currency: 'USD',
        amount: '10',
        reason: 'agreed goodwill',
      },
    });
    const refused = await api('POST', `/adjustments/${requested.json.adjustmentId}/decision`, {
      token: approver(),
      headers: { 'if-match': '"1"' },
      body: { decision: 'approve' },
    });
    expect(refused.status).toBe(422);
    expect(refused.json.detail).toContain(`accounting month ${thisMonth} is closed`);

    const reopenPath = `/accounting-periods/${thisMonth}/reopen`;
    expect((await api('POST', reopenPath, { token: finance(), body: { reason: 'x' } })).status).toBe(403);
    expect((await api('POST', reopenPath, { token: admin(), body: {} })).status).toBe(400);
    const reopened = await api('POST', reopenPath, {
      token: admin(),
      body: { reason: 'goodwill adjustment' },
    });
    expect(reopened.status).toBe(200);
    expect(reopened.json.history).toEqual([
      expect.objectContaining({ action: 'closed', by: 'demo-finance' }),
      expect.objectContaining({ action: 'reopened', by: 'demo-admin', reason: 'goodwill adjustment' }),
    ]);
    const approved = await api('POST', `/adjustments/${requested.json.adjustmentId}/decision`, {
      token: approver(),
      headers: { 'if-match': '"1"' },
      body: { decision: 'approve' },
    });
    expect(approved.json.status).toBe('approved');
  });
});

/** The demo run and the window of the months it read, as a report query (`from=…&to=…`). */
async function demoRunWindow() {
  const run = (await api('GET', `/accrual-runs/${local.stack.demoRun?.runId}`, { token: finance() })).json;
  const months: string[] = [...run.months].sort();
  return { run, window: `from=${months[0]}&to=${months[months.length - 1]}` };
}

/** The fields a 400 problem names, sorted. */
function refusedFields(response: Awaited<ReturnType<typeof api>>): string[] {
  expect(response.status).toBe(400);
  return response.json.errors.map((error: { path: string }) => error.path).sort();
}

describe('reports', () => {
  it('liabilities: staff see every partner, a partner its own (another’s is 404); totals match its checkbooks; CSV on request', async () => {
    const staff = await api('GET', '/reports/liabilities', { token: finance() });
    const own = await api('GET', '/reports/liabilities', { token: north() });
    const checkbooks = await api('GET', '/partners/DIST-NORTH/checkbook', { token: north() });

    expect(staff.status).toBe(200);
    expect(new Set(staff.json.rows.map((row: { partnerId: string }) => row.partnerId)).size).toBeGreaterThan(
      1,
    );
    expect(new Set(own.json.rows.map((row: { partnerId: string }) => row.partnerId))).toEqual(
      new Set(['DIST-NORTH']),
    );
    expect(own.json.totals).toEqual([
      expect.objectContaining({
        currency: 'USD',
        balance: sum(checkbooks.json.items.map((book: { balance: string }) => book.balance)),
      }),
    ]);
    expect((await api('GET', '/reports/liabilities?partnerId=RES-ACME', { token: north() })).status).toBe(
      404,
    );
    const csv = await fetch(`${local.stack.apiUrl}/reports/liabilities?format=csv`, {
      headers: { authorization: `Bearer ${finance()}` },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect((await csv.text()).trim().split('\r\n')).toHaveLength(staff.json.rows.length + 1);
  });

  it('performance sums exactly the lines the demo run read, from its summaries; rankings are staff-only', async () => {
    const { run, window } = await demoRunWindow();

    const byCategory = await api('GET', `/reports/performance?${window}&by=category`, { token: manager() });
    const top = await api('GET', '/reports/top-partners?limit=2', { token: finance() });

    expect(byCategory.status).toBe(200);
    expect(
      byCategory.json.items.reduce((total: number, row: { lines: number }) => total + row.lines, 0),
    ).toBe(run.lineCount);
    expect(top.json.items.map((item: { rank: number }) => item.rank)).toEqual([1, 2]);
    expect((await api('GET', '/reports/top-partners', { token: north() })).status).toBe(403);
    expect((await api('GET', `/reports/performance?${window}&by=region`, { token: north() })).status).toBe(
      403,
    );
    const bad = await api('GET', '/reports/performance?from=2026-13&to=2026-03&by=salesperson', {
      token: finance(),
    });
    expect(refusedFields(bad)).toEqual(['query.by', 'query.from']);
  });

  it('performance by segment (master data) and top partners by revenue add up to the same lines and revenue', async () => {
    const { run, window } = await demoRunWindow();

    const bySegment = await api('GET', `/reports/performance?${window}&by=segment`, { token: manager() });
    const byCategory = await api('GET', `/reports/performance?${window}&by=category`, { token: manager() });
    const top = await api('GET', `/reports/top-partners?by=revenue&${window}&limit=100`, {
      token: finance(),
    });
    const north = await api('GET', '/partners/DIST-NORTH', { token: admin() });

    type Row = { group: string; currency: string; lines: number; revenue: string };
    const rows: Row[] = bySegment.json.items;
    expect(rows.map((row) => row.group)).toContain(north.json.segment);
    expect(rows.reduce((total, row) => total + row.lines, 0)).toBe(run.lineCount);
    const revenueOf = (items: { currency: string; revenue: string }[]) =>
      Object.fromEntries(
        [...new Set(items.map((item) => item.currency))].map((code) => [
          code,
          items
            .filter((item) => item.currency === code)
            .reduce((total, item) => total.plus(item.revenue), new Decimal(0))
            .toFixed(),
        ]),
      );
    expect(revenueOf(top.json.items)).toEqual(revenueOf(byCategory.json.items));
    expect(revenueOf(rows)).toEqual(revenueOf(byCategory.json.items));
    const noWindow = await api('GET', '/reports/top-partners?by=revenue&programId=COOP-2026', {
      token: finance(),
    });
    expect(refusedFields(noWindow)).toEqual(['from', 'programId', 'to']);
    const badSegment = await api('POST', '/partners', {
      token: admin(),
      body: { ...north.json, partnerId: 'E2E-SEGMENT', segment: 'not a code' },
    });
    expect(badSegment.status).toBe(400);
    expect(JSON.stringify(badSegment.json.errors)).toContain('segment');
  });

  it('scorecards and claims ageing: a partner its own, another partner’s scorecard is 404', async () => {
    // The demo files were ingested at start-up: the window ends this month so that their counts are in it.
    const thisMonth = new Date().toISOString().slice(0, 7);
    const window = `from=2026-01&to=${thisMonth}`;

    const own = await api('GET', `/reports/partner-scorecards/DIST-NORTH?${window}`, { token: north() });
    const ageing = await api('GET', '/reports/claims-ageing', { token: acme() });

    expect(own.status).toBe(200);
    expect(own.json.partnerId).toBe('DIST-NORTH');
    expect(own.json.fileRejection.files).toBeGreaterThan(0);
    expect(
      (await api('GET', `/reports/partner-scorecards/DIST-NORTH?${window}`, { token: acme() })).status,
    ).toBe(404);
    expect(
      (await api('GET', `/reports/partner-scorecards/DIST-NORTH?${window}`, { token: finance() })).status,
    ).toBe(200);
    expect(ageing.status).toBe(200);
    expect((await api('GET', '/reports/claims-ageing?partnerId=DIST-NORTH', { token: acme() })).status).toBe(
      404,
    );
  });

  it("scorecard inventory variance: DIST-NORTH's 852 of 28 Feb and 31 Mar against its March sales, SKU by SKU as the position route computes it", async () => {
    // SW-0001 is sold in the demo's March POS file, SW-0002 is not; both reported at both month ends.
    const skus = ['SW-0001', 'SW-0002'];
    await uploadChannelCsv(
      api,
      north(),
      'inventory',
      'north-852-feb-mar.csv',
      [
        'sku,as_of_date,quantity_on_hand,quantity_received',
        'SW-0001,2026-02-28,500,0',
        'SW-0001,2026-03-31,480,25',
        'SW-0002,2026-02-28,40,0',
        'SW-0002,2026-03-31,40,0',
      ].join('\n'),
    );

    const scorecard = await api('GET', '/reports/partner-scorecards/DIST-NORTH?from=2026-03&to=2026-03', {
      token: north(),
    });
    const positions = await Promise.all(
      skus.map(
        async (sku) =>
          (await api('GET', `/inventory/${sku}/position?from=2026-02-28&to=2026-03-31`, { token: north() }))
            .json,
      ),
    );

    const variance = scorecard.json.inventoryVariance;
    expect(variance).toMatchObject({ skusReported: 2, skusCompared: 2 });
    expect(
      variance.skus.map((row: Record<string, string>) => [row.sku, row.computedOnHand, row.variance]),
    ).toEqual(positions.map((position) => [position.sku, position.computedOnHand, position.variance]));
    expect(variance.skus[1]).toMatchObject({ sellThrough: '0', variance: '0', offTolerance: false });
    expect(variance.absoluteVarianceUnits).toBe(new Decimal(positions[0].variance).abs().toFixed());
    const acmeCard = await api('GET', '/reports/partner-scorecards/RES-ACME?from=2026-03&to=2026-03', {
      token: acme(),
    });
    expect(acmeCard.json.inventoryVariance).toMatchObject({ skusReported: 0, skus: [] });
  });
});

// Last in the file: its program accrues on the demo March lines, which the runs above expect untouched.
describe('near-tier alerts a page at a time', () => {
  const south = () => token('demo-partner-dist-south');
  const cursorQuery = (cursor: string) => `&cursor=${encodeURIComponent(cursor)}`;

  /** Every alert of a listing, read one per page; the partners in reading order. */
  async function pagedPartners(query: string, bearer: string | undefined) {
    const partners: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await api('GET', `/near-tier-alerts?limit=1${query}${cursor ? cursorQuery(cursor) : ''}`, {
        token: bearer,
      });
      expect(page.status).toBe(200);
      partners.push(...page.json.items.map((alert: { partnerId: string }) => alert.partnerId));
      cursor = page.json.nextCursor;
    } while (cursor !== undefined);
    return partners;
  }

  it('pages every alert once; a partner pages its own, and its cursor is refused to another partner, on another query and cut', async () => {
    // A threshold no partner reaches and a distance of 100 %: every partner that sold in March is near.
    const program = {
      ...definition,
      programId: 'E2E-NEAR-ALL',
      name: 'Near-tier paging',
      nearTierPercent: '100',
      eligibility: { startDate: '2026-01-01' },
    };
    expect((await api('POST', '/programs', { token: manager(), body: program })).status).toBe(201);
    const activate = { token: approver(), headers: { 'if-match': '"1"' } };
    expect((await api('POST', '/programs/E2E-NEAR-ALL/activate', activate)).status).toBe(200);
    await runAndWait(march);
    // The run reads completed a moment before its AccrualRunCompleted event is published (after the record,
    // the run is remembered as the last completed): wait for the first alert, then for the delivery to end.
    for (let attempt = 0; attempt < 100; attempt++) {
      const first = await api('GET', '/near-tier-alerts?programId=E2E-NEAR-ALL&limit=1', {
        token: manager(),
      });
      if (first.json.items.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await local.stack.eventDeliveriesSettled();

    const all = await api('GET', '/near-tier-alerts?programId=E2E-NEAR-ALL&limit=100', { token: manager() });
    const paged = await pagedPartners('&programId=E2E-NEAR-ALL', manager());

    expect(all.json.items.length).toBeGreaterThan(2);
    expect([...paged].sort()).toEqual(
      all.json.items.map((alert: { partnerId: string }) => alert.partnerId).sort(),
    );
    expect(new Set(paged).size).toBe(paged.length);
    // DIST-SOUTH is near on VOL-ALL-STEPPED too: two alerts, two pages, its own only.
    expect(await pagedPartners('', south())).toEqual(['DIST-SOUTH', 'DIST-SOUTH']);
    const southCursor: string = (await api('GET', '/near-tier-alerts?limit=1', { token: south() })).json
      .nextCursor;
    for (const [query, bearer] of [
      [cursorQuery(southCursor), north()], // another partner
      [`${cursorQuery(southCursor)}&programId=VOL-ALL-STEPPED`, south()], // another query
      [cursorQuery(southCursor.slice(0, -4)), south()], // cut
    ] as const) {
      const refused = await api('GET', `/near-tier-alerts?limit=1${query}`, { token: bearer });
      expect(refused.status).toBe(400);
      expect(refused.json.errors).toEqual([expect.objectContaining({ path: 'query.cursor' })]);
    }
  });
});
