import { writeFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../domain/deal-registration/deal-conflicts';
import { registrationIdFor } from '../../functions/deal-registration/create-deal-registration-deps';
import { demoWonDealId } from '../../infra/local/demo/seed-demo-deals';
import type { LiabilitiesReport } from '../../web/src/api-types';
import { artifactPath, launchChromium } from '../support/browser';
import { taskInInbox } from './approval-inbox';
import { localStackPerFile } from './local-api';
import { uploadChannelCsv } from './pos-upload';

/**
 * The portal in headless Chromium against the local stack with the demo data: sign-in by demo user, the
 * partner's home and program progress, the approver's inbox, the partner seeing the decision, and a forged
 * URL for another partner's claim; the deal registration, MDF and ship & debit pages. Screenshots go to
 * test-artifacts/.
 */
const local = localStackPerFile('funds');

/** The browser's clock: the demo data is March 2026, so pages that default to today see it. */
const demoDay = new Date('2026-03-31T12:00:00Z');
const phone = { width: 390, height: 844 };
const laptop = { width: 1280, height: 860 };

let browser: Browser | undefined;
const contexts: BrowserContext[] = [];

async function pageAt(viewport: { width: number; height: number }): Promise<Page> {
  if (!browser) throw new Error('Chromium is not up');
  const context = await browser.newContext({ viewport });
  contexts.push(context);
  await context.clock.setFixedTime(demoDay);
  return context.newPage();
}

/** Signs in as a demo user and waits for the session (the token is fetched after the click). */
async function signIn(page: Page, who: RegExp): Promise<void> {
  await page.goto(`${local.stack.apiUrl}/`);
  await page.getByRole('button', { name: who }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

const claimOf = (reference: string) => {
  const claim = local.stack.seededClaims.find((seeded) => seeded.reference === reference);
  if (!claim) throw new Error(`No demo claim ${reference}`);
  return claim.claimId;
};

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
});

describe('partner portal and staff console in Chromium', () => {
  it('DIST-NORTH signs in and sees its home: earned in 2026 $7,260.94 (4,067.26 + 825.00 + 1,764.06 + 604.62), claimed $130.00, paid $25.00, balance $7,235.94; first load under 200 KB gzip', async () => {
    const page = await pageAt(laptop);
    const firstLoad: { url: string; bytes: number }[] = [];
    page.on('requestfinished', (request) => {
      void request
        .sizes()
        .then((sizes) =>
          firstLoad.push({ url: request.url(), bytes: sizes.responseBodySize + sizes.responseHeadersSize }),
        );
    });
    await signIn(page, /DIST-NORTH/);
    const figures = page.getByTestId('home-figures');
    await figures.waitFor();
    const text = await figures.textContent();
    expect(text).toContain('Earned in 2026');
    expect(text).toContain('$7,260.94');
    expect(text).toContain('$130.00');
    expect(text).toContain('$25.00');
    expect(text).toContain('$7,235.94');
    // DEMO-SW-FEB sits in an approved check batch: the next payment.
    // It comes from a second request (the partner's payments): wait for it rather than count at once.
    await page.getByText(/Next payment: \$30\.00 expected/).waitFor();
    await page.screenshot({ path: artifactPath('portal-partner-home.png'), fullPage: true });

    // The signed-in partner opens the portal again: the app's files, then the home page with its data.
    const appFiles = firstLoad.filter((entry) =>
      /\/($|assets\/|index\.html)/.test(new URL(entry.url).pathname),
    );
    const appBytes = appFiles.reduce((sum, entry) => sum + entry.bytes, 0);
    const started = Date.now();
    await page.goto(`${local.stack.apiUrl}/`);
    await page.getByText('$7,260.94').waitFor();
    const homeWithDataMs = Date.now() - started;
    const figuresMeasured = { appFiles, firstLoadBytesGzip: appBytes, homeWithDataMs };
    writeFileSync(artifactPath('portal-metrics.json'), `${JSON.stringify(figuresMeasured, null, 2)}\n`);
    console.log(
      `Portal first load ${appBytes} bytes (gzip, headers included); home with data in ${homeWithDataMs} ms`,
    );
    expect(appBytes).toBeLessThan(200_000);
  });

  it('DIST-NORTH lists its claims with their status and its payments: DEMO-SW-JAN paid, DEMO-SW-FEB scheduled', async () => {
    const page = await pageAt(laptop);
    await signIn(page, /DIST-NORTH/);
    await page.getByRole('link', { name: 'Claims & payments' }).click();
    const rejected = page.getByRole('row').filter({ hasText: 'DEMO-SW-DUP' });
    await rejected.waitFor();
    expect(await rejected.getByRole('cell').last().textContent()).toBe('rejected');
    const payments = page.getByRole('region', { name: 'Payments' });
    const paid = payments.getByRole('row').filter({ hasText: 'DEMO-SW-JAN' });
    await paid.waitFor();
    expect(await paid.textContent()).toMatch(/\$25\.00paid\d{4}-\d{2}-\d{2}checkDEMO-SW-JAN$/);
    const scheduled = payments.getByRole('row').filter({ hasText: 'DEMO-SW-FEB' });
    expect(await scheduled.textContent()).toMatch(/\$30\.00scheduled\d{4}-\d{2}-\d{2}checkDEMO-SW-FEB$/);
    await page.screenshot({ path: artifactPath('portal-partner-claims.png'), fullPage: true });
  });

  it('DIST-NORTH sees program progress: VOL-SWITCH-2026 at 127 units, 123 units short of tier 3 at 250', async () => {
    const page = await pageAt(laptop);
    await signIn(page, /DIST-NORTH/);
    await page.getByRole('link', { name: 'My programs' }).click();
    const switchRebate = page.getByRole('listitem').filter({ hasText: 'VOL-SWITCH-2026' });
    await switchRebate.getByTestId('tier-gap').waitFor();
    expect(await switchRebate.getByTestId('tier-gap').textContent()).toBe(
      '123 units short of tier 3 (rate 3.5) (at 250 units)',
    );
    const bar = switchRebate.getByRole('progressbar');
    // 127 of the way from 100 (tier 2) to 250 (tier 3): 27 / 150 = 18 %.
    expect(await bar.getAttribute('aria-valuenow')).toBe('18');
    const topTier = page.getByRole('listitem').filter({ hasText: 'VOL-ALL-STEPPED' });
    expect(await topTier.getByTestId('tier-gap').textContent()).toBe('Top tier reached');
    await page.screenshot({ path: artifactPath('portal-partner-programs.png'), fullPage: true });
  });

  it('DIST-NORTH asks what 123 more SW-0001 at $100.00 would earn: $883.96 more on VOL-SWITCH-2026, tier 2 → tier 3; a bad quantity shows its field error', async () => {
    const page = await pageAt(laptop);
    await signIn(page, /DIST-NORTH/);
    await page.getByRole('link', { name: 'My programs' }).click();
    await page.getByLabel('Product (SKU)').fill('SW-0001');
    await page.getByLabel('Units sold').fill('-1');
    await page.getByLabel('Unit price').fill('100.00');
    await page.getByRole('button', { name: 'Calculate' }).click();
    const problem = page.getByRole('alert');
    await problem.waitFor();
    expect(await problem.textContent()).toBe(
      'Bad Request (400): The request body is invalidquantity must be a positive decimal (9.6 digits at most)',
    );
    await page.getByLabel('Units sold').fill('123');
    await page.getByRole('button', { name: 'Calculate' }).click();
    const switchRebate = page.getByTestId('what-if-VOL-SWITCH-2026');
    await switchRebate.waitFor();
    expect(await switchRebate.textContent()).toBe(
      'VOL-SWITCH-2026$883.96$1,488.58tier 2 (rate 2) → tier 3 (rate 3.5)',
    );
    await page.screenshot({ path: artifactPath('portal-partner-what-if.png'), fullPage: true });
  });

  it("DIST-SOUTH's home shows it $16,325.00 short of 2 % on VOL-ALL-STEPPED; the channel manager's near-tier page lists it", async () => {
    await local.stack.eventDeliveriesSettled();
    const page = await pageAt(phone);
    await signIn(page, /DIST-SOUTH/);
    const alerts = page.getByTestId('near-tier-alerts');
    await alerts.waitFor();
    expect(await alerts.textContent()).toBe(
      '$16,325.00 short of 2 % on VOL-ALL-STEPPED (FY2026-Q1, until 2026-03-31)',
    );
    await page.screenshot({ path: artifactPath('portal-partner-near-tier.png'), fullPage: true });

    const staff = await pageAt(laptop);
    await signIn(staff, /demo-channel-manager/);
    await staff.getByRole('link', { name: 'Near-tier partners' }).click();
    const row = staff.getByRole('row').filter({ hasText: 'DIST-SOUTH' });
    await row.waitFor();
    expect(await row.textContent()).toMatch(
      /^DIST-SOUTHVOL-ALL-STEPPEDFY2026-Q1 \(ends 2026-03-31\)\$16,325\.002 %/,
    );
    await staff.getByLabel('Program').fill('VOL-SWITCH-2026');
    await staff.getByRole('button', { name: 'Filter' }).click();
    await staff.getByText('No partner is near its next tier.').waitFor();
  });

  it("DIST-NORTH opens its deal registrations, MDF funds and ship & debit pages with the demo data, then registers a deal through the form (a past close date shows the API's 422 first) and sees it listed as submitted; a forged link to RES-ACME's deal shows not found", async () => {
    const token = local.stack.tokens['demo-partner-dist-north'];
    const [utilization, funds, authorization] = await Promise.all([
      local.api('GET', '/fund-utilization', { token }),
      local.api('GET', '/funds', { token }),
      local.api('GET', '/debit-authorizations/DA-DEMO-0001', { token }),
    ]);
    const page = await pageAt(phone);
    await signIn(page, /DIST-NORTH/);

    await page.getByRole('link', { name: 'Deal registrations' }).click();
    const deals = page.getByTestId('deal-registrations');
    const approved = deals.getByRole('row').filter({ hasText: 'Cyberdyne Systems Corp.' });
    await approved.waitFor();
    expect(await approved.getByRole('cell').nth(4).textContent()).toBe('approved');
    expect(await deals.getByRole('row').filter({ hasText: 'Wayne Enterprises' }).textContent()).toContain(
      'draft',
    );
    // Another partner's registrations never show (RES-ACME's Initech LLC is the demo's won deal).
    expect(await deals.getByText('Initech LLC').count()).toBe(0);
    await page.screenshot({ path: artifactPath('portal-partner-deals-phone.png'), fullPage: true });

    // The server's today, not the browser's fixed demo day: the API takes close dates from today on.
    const closeDate = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Program').fill('DEALS-2026');
    await page.getByLabel('End customer').fill('Portal Browser Ltd');
    await page.getByLabel(/^Country/).fill('GB');
    await page.getByLabel('Web domain', { exact: true }).fill('portal-browser.example');
    await page.getByLabel('Product (SKU)').fill('SW-0001');
    await page.getByLabel('Units').fill('40');
    await page.getByLabel('Estimated value').fill('12500.00');
    await page.getByLabel('Currency').selectOption('GBP');
    await page.getByLabel('Your work on the deal').fill('Two workshops with the buyer');
    // A close date in the past: the API's problem names the field, and nothing is registered.
    await page.getByLabel('Expected close date').fill('2020-01-31');
    await page.getByRole('button', { name: 'Register and submit' }).click();
    const problem = page.getByRole('alert');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(
      /^Unprocessable Content \(422\): The close date must lie between today and three years aheadcloseDate must be from /,
    );
    await page.getByLabel('Expected close date').fill(closeDate);
    await page.getByRole('button', { name: 'Register and submit' }).click();
    await page.getByRole('status').filter({ hasText: 'Registered Portal Browser Ltd: submitted' }).waitFor();
    const registered = deals.getByRole('row').filter({ hasText: 'Portal Browser Ltd' });
    await registered.waitFor();
    expect(await registered.textContent()).toBe(
      `Portal Browser LtdDEALS-2026SW-0001 × 40£12,500.00${closeDate}submitted—`,
    );
    await registered.getByRole('link').click();
    await page.getByText('demo-partner-dist-north (partner): draft → submitted').waitFor();
    // A forged link to RES-ACME's won deal shows the API's 404, not the deal.
    await page.goto(`${local.stack.apiUrl}/#/deals/${demoWonDealId}`);
    await page
      .getByRole('alert')
      .filter({ hasText: /^Not Found \(404\): / })
      .waitFor();
    expect(await page.getByText('Initech LLC').count()).toBe(0);

    await page.getByRole('link', { name: 'MDF / funds' }).click();
    const demoFund = funds.json.items.find((fund: { name: string }) => fund.name === 'Demo MDF (DIST-NORTH)');
    const used = utilization.json.items.find((row: { fundId: string }) => row.fundId === demoFund.fundId);
    const usd = (amount: string) =>
      new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(amount as `${number}`);
    const fundRow = page.getByTestId('funds').getByRole('row').filter({ hasText: 'Demo MDF (DIST-NORTH)' });
    await fundRow.waitFor();
    expect(await fundRow.textContent()).toContain(
      [used.allocated, used.reserved, used.claimed, used.paid, used.available].map(usd).join(''),
    );
    const requests = page.getByTestId('fund-requests');
    expect(await requests.getByRole('row').filter({ hasText: 'Golf day' }).textContent()).toContain(
      'rejected',
    );
    await page.screenshot({ path: artifactPath('portal-partner-funds-phone.png'), fullPage: true });

    await page.getByRole('link', { name: 'Ship & debit' }).click();
    const demoAuthorization = page.getByTestId('authorization-DA-DEMO-0001');
    await demoAuthorization.waitFor();
    const [line] = authorization.json.lines;
    expect(await demoAuthorization.getByRole('row').filter({ hasText: 'SW-0001' }).textContent()).toMatch(
      new RegExp(`^SW-0001down to .+ a unit${line.quantityCap}${line.remainingQuantity}$`),
    );
    expect(await demoAuthorization.textContent()).toContain('End customer C-9');
    const results = page.getByTestId('sd-claim-NW-SD-DEMO-1').getByRole('row');
    await results.nth(2).waitFor();
    expect(await results.nth(1).textContent()).toMatch(
      /^1partially approved8.+quantity exceeded \(901 code 04\)$/,
    );
    expect(await results.nth(2).textContent()).toBe('2rejected0$0.00product not authorized (901 code 03)');
    await page.screenshot({ path: artifactPath('portal-partner-ship-and-debit-phone.png'), fullPage: true });
  });

  it('the approver approves DEMO-SW-APR in the inbox, and DIST-NORTH then sees the claim approved', async () => {
    const claimId = claimOf('DEMO-SW-APR');
    const approver = await pageAt(laptop);
    await signIn(approver, /demo-approver/);
    const approve = approver.getByRole('button', { name: `Approve ${claimId}` });
    await approve.waitFor();
    await approver.screenshot({ path: artifactPath('staff-approvals-inbox.png'), fullPage: true });
    // By keyboard: the decision is a real button, focusable and pressed with Enter.
    await approve.focus();
    await approver.keyboard.press('Enter');
    await approver
      .getByRole('status')
      .filter({ hasText: `Approved ${claimId}.` })
      .waitFor();
    // The decided claim leaves the inbox (other demo claims, e.g. ship & debit ones, may still wait).
    await approve.waitFor({ state: 'detached' });

    const partner = await pageAt(phone);
    await signIn(partner, /DIST-NORTH/);
    await partner.getByTestId('home-figures').waitFor();
    await partner.screenshot({ path: artifactPath('portal-partner-home-phone.png'), fullPage: true });
    await partner.goto(`${local.stack.apiUrl}/#/claims/${claimId}`);
    const status = partner.getByTestId('claim-status');
    await status.waitFor();
    expect(await status.textContent()).toBe('approved');
    await partner.getByText('demo-approver (approver): inApproval → approved').waitFor();
    await partner.screenshot({ path: artifactPath('portal-claim-approved-phone.png'), fullPage: true });
  });

  it('a decision the API refuses shows its problem: rejecting a claim approved meanwhile in another session is 409', async () => {
    const { tokens } = local.stack;
    const submitted = await local.api('POST', '/claims', {
      token: tokens['demo-partner-dist-north'],
      body: {
        type: 'rebate',
        programId: 'VOL-SWITCH-2026',
        period: '2026-03',
        fund: 'rebate',
        currency: 'USD',
        lines: [{ amount: '10.00', reference: 'PORTAL-RACE' }],
      },
    });
    expect(submitted.status).toBe(201);
    const claimId: string = submitted.json.claimId;
    const task = await taskInInbox(local.api, tokens['demo-approver'], claimId);

    const page = await pageAt(laptop);
    await signIn(page, /demo-approver/);
    const card = page.getByRole('listitem').filter({ hasText: claimId });
    await card.getByRole('button', { name: 'Reject…' }).click();
    const decided = await local.api('POST', `/approvals/${encodeURIComponent(task.taskId)}/decision`, {
      token: tokens['demo-approver'],
      body: { decision: 'approve' },
    });
    expect(decided.status).toBe(200);
    await card.getByLabel('Reason').selectOption('duplicateClaim');
    await card.getByLabel('Comment for the partner (optional)').fill('Seen twice');
    await card.getByRole('button', { name: `Reject ${claimId}` }).click();
    const problem = card.getByRole('alert');
    await problem.waitFor();
    const again = await local.api('POST', `/approvals/${encodeURIComponent(task.taskId)}/decision`, {
      token: tokens['demo-approver'],
      body: { decision: 'reject', reasonCode: 'duplicateClaim' },
    });
    expect(again.status).toBe(409);
    expect(await problem.textContent()).toBe(`Conflict (409): ${again.json.detail}`);
    await page.screenshot({ path: artifactPath('staff-decision-conflict.png'), fullPage: true });
  });

  it('RES-ACME uploads a 2-line CSV with "two" as a quantity: the progress bar fills, the status turns completed with rejections (1 accepted, 1 rejected) and line 3 is in the rejection table with its field', async () => {
    const page = await pageAt(phone);
    await signIn(page, /RES-ACME/);
    await page.getByRole('link', { name: 'Upload a file' }).click();
    const csv = [
      'invoice_number,invoice_line,invoice_date,sku,quantity,uom,unit_price,end_customer_id',
      'PORTAL-1,1,2026-03-30,SW-0001,2,EA,100.00,C-1',
      'PORTAL-1,2,2026-03-30,SW-0001,two,EA,100.00,C-1',
    ].join('\n');
    await page.getByLabel('What the file reports').selectOption('pos');
    await page
      .getByLabel('File', { exact: true })
      .setInputFiles({ name: 'march.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Upload' }).click();
    const status = page.getByTestId('file-status');
    await status.filter({ hasText: 'completed with rejections' }).waitFor();
    expect(
      await page.getByRole('progressbar', { name: 'Upload progress' }).getAttribute('aria-valuenow'),
    ).toBe('100');
    expect(await page.getByTestId('file-counts').textContent()).toBe(
      'Lines2Accepted1Restated0Unchanged0Rejected1',
    );
    const rejected = page.getByTestId('rejections').getByRole('row').filter({ hasText: 'quantity' });
    await rejected.waitFor();
    expect(await rejected.getByRole('rowheader').textContent()).toBe('3');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the rejection report (CSV)' }).click();
    expect((await download).suggestedFilename()).toMatch(/^rejections-.+\.csv$/);
    await page.screenshot({ path: artifactPath('portal-partner-upload-phone.png'), fullPage: true });

    await page.getByRole('link', { name: 'Sales & inventory' }).click();
    await page.getByTestId('sales-lines').getByRole('row').filter({ hasText: 'PORTAL-1 · 1' }).waitFor();
    await page.screenshot({ path: artifactPath('portal-partner-sales-phone.png'), fullPage: true });
  });

  it("RES-ACME following a forged URL to DIST-NORTH's file sees not found", async () => {
    const files = await local.api('GET', '/channel-files', {
      token: local.stack.tokens['demo-partner-dist-north'],
    });
    const northFile = files.json.items[0];
    expect(northFile.partnerId).toBe('DIST-NORTH');
    const page = await pageAt(laptop);
    await signIn(page, /RES-ACME/);
    await page.getByRole('link', { name: 'Upload a file' }).waitFor();
    await page.goto(`${local.stack.apiUrl}/#/files/${northFile.fileId}`);
    const problem = page.getByRole('alert');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/^Not Found \(404\): /);
    expect(await page.getByText(northFile.fileName).count()).toBe(0);
  });

  it("finance opens the demo March run, explains DIST-NORTH's VOL-SWITCH-2026 entry (pool of 127 units, the tier and rate the API traced), downloads its GL journal and replays the run identically", async () => {
    const page = await pageAt(laptop);
    await signIn(page, /demo-finance/);
    await page.getByRole('link', { name: 'Accrual runs' }).click();
    const runs = page.getByTestId('accrual-runs');
    await runs.waitFor();
    await page.screenshot({ path: artifactPath('staff-accrual-runs.png'), fullPage: true });
    await runs.getByRole('link').first().click();
    await page.getByRole('link', { name: "Explain VOL-SWITCH-2026's entries" }).click();
    await page.getByLabel('Only the partner').fill('DIST-NORTH');
    await page.getByRole('button', { name: 'Filter' }).click();
    const runId = decodeURIComponent(page.url().split('#/runs/')[1]?.split('/')[0] ?? '');
    const explained = await local.api(
      'GET',
      `/accrual-runs/${runId}/programs/VOL-SWITCH-2026/entries?partnerId=DIST-NORTH`,
      { token: local.stack.tokens['demo-finance'] },
    );
    const [entry] = explained.json.items;
    const [component] = entry.trace.components;
    // Filtered: DIST-NORTH's entries only, each named by product and end customer.
    await page.waitForURL(/partnerId=DIST-NORTH$/);
    await page.getByRole('heading', { name: `DIST-NORTH · ${entry.sku} · ${entry.endCustomerId}` }).waitFor();
    // The heading can show before the filtered entries replace the list (a count then can read the gap).
    await expect
      .poll(() => page.getByTestId('entry-trace').count(), { timeout: 10_000 })
      .toBe(explained.json.items.length);
    const trace = page.getByTestId('entry-trace').first();
    await trace.getByText(/^Explain: /).click();
    // The entry is one product's share; its pool is DIST-NORTH's 127 units, which reached the tier.
    expect(await trace.textContent()).toContain('on partner DIST-NORTH (volume 127)');
    expect(await trace.textContent()).toContain(
      `tier ${component.tierReached.index + 1} from ${component.tierReached.from}, rate ${component.rate}`,
    );
    await page.screenshot({ path: artifactPath('staff-run-explain.png'), fullPage: true });

    await page.getByRole('link', { name: 'Back to the run' }).click();
    const journal = page.waitForEvent('download');
    await page.getByRole('button', { name: "Download this run's GL journal (CSV)" }).click();
    expect((await journal).suggestedFilename()).toBe(`gl-journal-${runId}.csv`);
    await page.getByRole('button', { name: 'Replay this run' }).click();
    await page.getByTestId('replay-outcome').filter({ hasText: 'Replay identical' }).waitFor();
    await page.screenshot({ path: artifactPath('staff-accrual-run.png'), fullPage: true });
  });

  it("RES-ACME following a forged URL to DIST-NORTH's claim sees not found with the API's problem detail", async () => {
    const page = await pageAt(laptop);
    await signIn(page, /RES-ACME/);
    await page.getByTestId('home-figures').or(page.getByText('Nothing earned yet.')).waitFor();
    await page.goto(`${local.stack.apiUrl}/#/claims/${claimOf('DEMO-SW-JAN')}`);
    const problem = page.getByRole('alert');
    await problem.waitFor();
    expect(await problem.textContent()).toBe('Not Found (404): Claim not found');
    expect(await page.getByText('DEMO-SW-JAN').count()).toBe(0);
    await page.screenshot({ path: artifactPath('portal-forged-claim-not-found.png'), fullPage: true });
  });
  it('finance sees open liability per currency with a bar per program, as the reports API sums it; RES-ACME asking for DIST-NORTH’s scorecard sees not found', async () => {
    const report = await fetch(`${local.stack.apiUrl}/reports/liabilities`, {
      headers: { authorization: `Bearer ${local.stack.tokens['demo-finance']}` },
    }).then((response) => response.json() as Promise<LiabilitiesReport>);
    const usd = report.totals.find((total) => total.currency === 'USD');
    if (!usd) throw new Error('The demo has no USD liability');
    const page = await pageAt(laptop);
    await signIn(page, /demo-finance/);
    await page.getByRole('link', { name: 'Liabilities' }).click();

    const totals = page.getByTestId('liability-totals').first();
    await totals.waitFor();
    expect(await totals.textContent()).toContain(
      new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(
        usd.balance as `${number}`,
      ),
    );
    const chart = page.getByRole('img', { name: 'Open liability by program in USD' });
    expect(await chart.locator('rect').count()).toBe(
      report.byProgram.filter((row) => row.currency === 'USD').length,
    );
    await page.screenshot({ path: artifactPath('staff-liabilities.png'), fullPage: true });
    await page.getByRole('link', { name: 'Performance' }).click();
    await page.getByTestId('performance').getByRole('cell', { name: 'ENTERPRISE' }).first().waitFor();

    const partner = await pageAt(laptop);
    await signIn(partner, /RES-ACME/);
    await partner.goto(`${local.stack.apiUrl}/#/scorecard`);
    await partner.getByRole('heading', { name: 'Scorecard of RES-ACME' }).waitFor();
    await partner.getByRole('heading', { name: /^Inventory at the end of \d{4}-\d{2}$/ }).waitFor();
    await partner.goto(`${local.stack.apiUrl}/#/scorecard/DIST-NORTH`);
    const problem = partner.getByRole('alert');
    await problem.waitFor();
    expect(await problem.textContent()).toBe('Not Found (404): Partner not found');
  });
  it('DIST-NORTH submits a claim in the browser, the approver approves it, finance builds, an admin approves and finance pays the batch; DIST-NORTH sees it paid', async () => {
    const partner = await pageAt(laptop);
    await signIn(partner, /DIST-NORTH/);
    await partner.getByRole('link', { name: 'Claims & payments' }).click();
    await partner.getByLabel('Program, period and fund').selectOption('VOL-SWITCH-2026/2026-03/rebate/USD');
    await partner.getByLabel('Amount').fill('12.34');
    await partner.getByLabel(/Reference/).fill('PORTAL-SUBMIT-1');
    await partner.screenshot({ path: artifactPath('portal-claim-submit.png'), fullPage: true });
    await partner.getByRole('button', { name: 'Submit claim' }).click();
    await partner.waitForURL(/#\/claims\/[^/]+$/);
    const claimId = decodeURIComponent(new URL(partner.url()).hash.split('/').pop() ?? '');
    await partner.getByTestId('claim-status').waitFor();

    const { tokens } = local.stack;
    await taskInInbox(local.api, tokens['demo-approver'], claimId);
    const approver = await pageAt(laptop);
    await signIn(approver, /demo-approver/);
    await approver.getByRole('button', { name: `Approve ${claimId}` }).click();
    await approver
      .getByRole('status')
      .filter({ hasText: `Approved ${claimId}.` })
      .waitFor();

    // The server's day, not the browser's fixed demo day: the claim was approved today.
    const today = new Date().toISOString().slice(0, 10);
    const finance = await pageAt(laptop);
    await signIn(finance, /demo-finance/);
    await finance.getByRole('link', { name: 'Payment batches' }).click();
    await finance.getByLabel('Method').selectOption('check');
    await finance.getByLabel('Claims approved up to').fill(today);
    await finance.getByRole('button', { name: 'Build batch' }).click();
    await finance.waitForURL(/#\/payments\/[^/]+$/);
    const batchUrl = finance.url();
    const batchStatus = finance.getByTestId('batch-status');
    await batchStatus.waitFor();
    expect(await batchStatus.textContent()).toBe('draft');
    await finance.getByRole('row', { name: /DIST-NORTH/ }).waitFor();
    // The batch's creator may not approve it: the API says so, the page shows it.
    await finance.getByRole('button', { name: 'Approve batch' }).click();
    await finance.getByRole('alert').waitFor();
    expect(await finance.getByRole('alert').textContent()).toMatch(/^Forbidden \(403\)/);

    const admin = await pageAt(laptop);
    await signIn(admin, /demo-admin/);
    await admin.goto(batchUrl);
    await admin.getByRole('button', { name: 'Approve batch' }).click();
    await admin.getByTestId('batch-status').filter({ hasText: 'approved' }).waitFor();

    await finance.reload();
    await finance.getByRole('button', { name: 'Mark paid' }).click();
    await finance.getByTestId('batch-status').filter({ hasText: 'paid' }).waitFor();
    await finance.screenshot({ path: artifactPath('staff-payment-batch-paid.png'), fullPage: true });

    await partner.reload();
    await partner.getByTestId('claim-status').filter({ hasText: 'paid' }).waitFor();
    expect(await partner.getByTestId('claim-payment').textContent()).toContain('paid');
  });

  it("the channel manager settles RES-ACME's Tyrell Corporation, in review because DIST-NORTH holds Tyrell Corp: rejecting without a reason shows the API's 422, approving protects it, marked won it gets its debit authorization through the form", async () => {
    const page = await pageAt(laptop);
    await signIn(page, /demo-channel-manager/);
    await page.getByRole('link', { name: 'Deal registrations' }).click();
    const inReview = page
      .getByTestId('deal-queue-inReview')
      .getByRole('row')
      .filter({ hasText: 'Tyrell Corporation' });
    await inReview.waitFor();
    // Staff see who holds the customer; partners never do.
    expect(await inReview.getByRole('cell').last().textContent()).toMatch(
      /^Held by another partner \(DIST-NORTH, DR-[A-Z0-9]+\), matched on /,
    );
    await page.screenshot({ path: artifactPath('staff-deal-review-queue.png'), fullPage: true });

    await inReview.getByRole('link', { name: 'Tyrell Corporation' }).click();
    await page.getByRole('button', { name: 'Reject' }).click();
    const problem = page.getByRole('alert');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(
      /^Unprocessable Content \(422\): .+reason is required when rejecting$/,
    );
    await page.getByRole('button', { name: 'Approve' }).click();
    const status = page.getByTestId('deal-status');
    await status.filter({ hasText: 'approved' }).waitFor();
    await page.getByRole('button', { name: 'Mark won' }).click();
    await status.filter({ hasText: 'won' }).waitFor();
    await page.getByLabel('End customer id in the partner’s POS data').fill('C-TYRELL');
    await page.getByLabel('Pricing of SW-0001').selectOption('downBy');
    await page.getByLabel('Value for SW-0001').fill('5.00');
    await page.getByRole('button', { name: 'Request the debit authorization' }).click();
    await page.getByText(/^Special pricing: debit authorization DA-DR-[A-Z0-9]+\.$/).waitFor();
    await page.getByText('demo-channel-manager (channel_manager): approved → won').waitFor();
    await page.screenshot({ path: artifactPath('staff-deal-won.png'), fullPage: true });
  });

  it("DIST-NORTH asks for an extension of its approved Cyberdyne Systems Corp. (an empty activity shows the API's 400), the channel manager grants it from the extension queue, and DIST-NORTH sees protection end DEALS-2026's 30 extension days later", async () => {
    const registrationId = registrationIdFor('DIST-NORTH', 'demo-deal-approved');
    const dealPath = `/deal-registrations/${registrationId}`;
    const [before, policy] = await Promise.all([
      local.api('GET', dealPath, { token: local.stack.tokens['demo-partner-dist-north'] }),
      local.api('GET', '/deal-registration-policies/DEALS-2026', {
        token: local.stack.tokens['demo-channel-manager'],
      }),
    ]);
    expect(before.json.status).toBe('approved');
    const extendedUntil = addDays(before.json.protectedUntil, policy.json.extensionDays);
    const window = (until: string) => `${before.json.approvedAt.slice(0, 10)} – ${until}`;

    const partner = await pageAt(phone);
    await signIn(partner, /DIST-NORTH/);
    await partner.goto(`${local.stack.apiUrl}/#/deals/${registrationId}`);
    await partner.getByText(window(before.json.protectedUntil)).waitFor();
    await partner.getByRole('button', { name: 'Request an extension' }).click();
    await partner
      .getByRole('alert')
      .filter({ hasText: /^Bad Request \(400\): .*activity/ })
      .waitFor();
    await partner
      .getByLabel('Your activity on the deal since approval')
      .fill('Pilot of SW-0001 running at two Cyberdyne sites since the approval');
    await partner.getByRole('button', { name: 'Request an extension' }).click();
    await partner.getByTestId('deal-status').filter({ hasText: 'extension requested' }).waitFor();
    // Asked once: the control is gone.
    expect(await partner.getByRole('button', { name: 'Request an extension' }).count()).toBe(0);

    const manager = await pageAt(laptop);
    await signIn(manager, /demo-channel-manager/);
    await manager.getByRole('link', { name: 'Deal registrations' }).click();
    await manager
      .getByTestId('deal-queue-extensionRequested')
      .getByRole('link', { name: 'Cyberdyne Systems Corp.' })
      .click();
    await manager
      .getByRole('heading', {
        name: 'Extension asked for: “Pilot of SW-0001 running at two Cyberdyne sites since the approval”',
      })
      .waitFor();
    await manager.getByRole('button', { name: 'Grant the extension' }).click();
    await manager.getByTestId('deal-status').filter({ hasText: 'extended' }).waitFor();

    await partner.reload();
    await partner.getByText(window(extendedUntil)).waitFor();
    expect(await partner.getByTestId('deal-status').textContent()).toBe('extended');
    await partner
      .getByText('demo-channel-manager (channel_manager): extensionRequested → extended')
      .waitFor();
    await partner.screenshot({
      path: artifactPath('portal-partner-deal-extended-phone.png'),
      fullPage: true,
    });
    const after = await local.api('GET', dealPath, { token: local.stack.tokens['demo-partner-dist-north'] });
    expect(after.json).toMatchObject({ status: 'extended', protectedUntil: extendedUntil });
  });

  it("the channel manager runs price protection of US-2026 SW-0001's 1 July price for DIST-CANADA and DIST-NORTH (50 units of DIST-NORTH's June stock protected) and sees the run as the API reads it; on ship & debit it takes NW-SD-DEMO-1's 849 and detects DIST-NORTH's bill-backs; it allocates DIST-SOUTH an MDF budget", async () => {
    // DIST-NORTH's SW-0001: 50 received on 10 June at the January cost, all held on 30 June (protected).
    await uploadChannelCsv(
      local.api,
      local.stack.tokens['demo-partner-dist-north'],
      'inventory',
      'june-stock.csv',
      [
        'sku,as_of_date,quantity_on_hand,quantity_received,uom,warehouse',
        'SW-0001,2026-05-01,0,0,EA,W1',
        'SW-0001,2026-06-10,50,50,EA,W1',
        'SW-0001,2026-06-30,50,0,EA,W1',
      ].join('\n'),
    );
    const page = await pageAt(laptop);
    await signIn(page, /demo-channel-manager/);
    await page.getByRole('link', { name: 'Price protection' }).click();
    await page.getByLabel('Price list').fill('US-2026');
    await page.getByLabel('Product (SKU)').fill('SW-0001');
    await page.getByLabel('Price entry effective from').fill('2026-07-01');
    await page.getByLabel(/^Partners covered/).fill('DIST-CANADA, DIST-NORTH');
    await page.getByRole('button', { name: 'Run price protection' }).click();
    await page.waitForURL(/#\/price-protection\/PPR-[A-F0-9]+$/);
    const runId = decodeURIComponent(page.url().split('/').pop() ?? '');
    const read = await local.api('GET', `/price-protection-runs/${runId}`, {
      token: local.stack.tokens['demo-channel-manager'],
    });
    await page
      .getByTestId('pp-outcome')
      .filter({ hasText: read.json.run.outcome.replace(/([A-Z])/g, ' $1').toLowerCase() })
      .waitFor();
    const lines = page.getByTestId('pp-lines');
    for (const line of read.json.lines) {
      expect(
        await lines
          .getByRole('row')
          .filter({ hasText: line.partnerId })
          .getByRole('cell')
          .first()
          .textContent(),
      ).toBe(line.status.replace(/([A-Z])/g, ' $1').toLowerCase());
    }
    expect(read.json.lines.map((line: { partnerId: string }) => line.partnerId).sort()).toEqual([
      'DIST-CANADA',
      'DIST-NORTH',
    ]);
    // 50 units bought at the old cost: DIST-NORTH's claim waits for its review.
    expect(
      read.json.lines.find((line: { partnerId: string }) => line.partnerId === 'DIST-NORTH'),
    ).toMatchObject({
      status: 'awaitingPartner',
      protection: { eligibleQuantity: '50' },
    });
    await page.screenshot({ path: artifactPath('staff-price-protection-run.png'), fullPage: true });

    await page.getByRole('link', { name: 'Ship & debit' }).click();
    const claim = page.getByTestId('sd-claim-NW-SD-DEMO-1');
    await claim.getByRole('heading', { name: 'DIST-NORTH · Claim NW-SD-DEMO-1' }).waitFor();
    const edi = page.waitForEvent('download');
    await claim.getByRole('button', { name: 'Download the 849 of NW-SD-DEMO-1' }).click();
    expect((await edi).suggestedFilename()).toMatch(/^SDC-[A-Z0-9]+-849\.edi$/);
    await page.getByLabel('Partner billed back').fill('DIST-NORTH');
    await page.getByLabel('Returns from').fill('2026-01-01');
    await page.getByLabel('Returns to').fill('2026-12-31');
    await page.getByRole('button', { name: 'Detect' }).click();
    const outcome = page.getByTestId('detection-outcome');
    await outcome.filter({ hasText: /new bill-back/ }).waitFor();
    const [, created, existing, unmatched] = (
      /^(\d+) new bill-back\(s\), (\d+) found earlier, (\d+) return\(s\)/.exec(
        (await outcome.textContent()) ?? '',
      ) ?? []
    ).map(Number);
    // Detection is idempotent per return line: the same range again finds what the page's run made.
    const again = await local.api('POST', '/ship-and-debit-bill-backs/detections', {
      token: local.stack.tokens['demo-channel-manager'],
      body: { partnerId: 'DIST-NORTH', from: '2026-01-01', to: '2026-12-31' },
    });
    expect(again.json.created).toHaveLength(0);
    expect(again.json.existing).toHaveLength((created ?? Number.NaN) + (existing ?? Number.NaN));
    expect(again.json.unmatched).toHaveLength(unmatched ?? Number.NaN);
    await page.screenshot({ path: artifactPath('staff-ship-and-debit.png'), fullPage: true });

    await page.getByRole('link', { name: 'MDF / funds' }).click();
    await page.getByLabel('Only the partner').fill('DIST-SOUTH');
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL(/partnerId=DIST-SOUTH$/);
    await page.getByLabel('Fund name').fill('MDF portal H2');
    await page.getByLabel(/^Period/).fill('FY2026-Q3');
    await page.getByLabel('Amount').fill('5000.00');
    await page.getByLabel('Activities from').fill('2026-07-01');
    await page.getByLabel('Activities until').fill('2026-09-30');
    await page.getByRole('button', { name: 'Allocate' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Allocated $5,000.00 to DIST-SOUTH as “MDF portal H2”.' })
      .waitFor();
    // The utilization is read again: nothing reserved, claimed, paid or expired yet.
    const fund = page.getByTestId('funds').getByRole('row').filter({ hasText: 'MDF portal H2' });
    await fund.waitFor();
    expect(await fund.textContent()).toBe(
      'MDF portal H2DIST-SOUTHFY2026-Q32026-07-01 – 2026-09-30active$5,000.00$0.00$0.00$0.00$0.00$5,000.00',
    );
    await page.screenshot({ path: artifactPath('staff-funds.png'), fullPage: true });
  });

  it("DIST-NORTH gets no staff page (none in its nav, no decision on its submitted registration, a staff-only link not found) and reviews its price protection claim: a dispute without a reason is the API's 400, then it accepts", async () => {
    const page = await pageAt(phone);
    await signIn(page, /DIST-NORTH/);
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Price protection' }).click();
    await page.getByRole('heading', { name: 'Price protection' }).waitFor();
    // Its claim from the staff run above: a dispute needs a reason (the API's 400), then it accepts.
    const claims = await local.api('GET', '/price-protection-claims', {
      token: local.stack.tokens['demo-partner-dist-north'],
    });
    const [generated] = claims.json.items;
    if (!generated) throw new Error('No price protection claim: the staff price protection case makes it');
    const card = page.getByTestId(`pp-claim-${generated.claim.claimId}`);
    expect(await card.getByRole('definition').first().textContent()).toBe(
      new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(
        generated.line.protection.amount,
      ),
    );
    await card.getByRole('button', { name: 'Dispute the claim' }).click();
    await card
      .getByRole('alert')
      .filter({ hasText: /^Bad Request \(400\): .*reason/ })
      .waitFor();
    await card.getByRole('button', { name: 'Accept the claim' }).click();
    await card.getByRole('heading').getByText('accepted').waitFor();
    expect(await card.getByRole('button', { name: 'Accept the claim' }).count()).toBe(0);
    for (const staffPage of ['Approvals inbox', 'Accrual runs', 'Liabilities', 'Payment batches'])
      expect(await nav.getByRole('link', { name: staffPage }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Run price protection' }).count()).toBe(0);
    await page.screenshot({
      path: artifactPath('portal-partner-price-protection-phone.png'),
      fullPage: true,
    });
    await nav.getByRole('link', { name: 'Deal registrations' }).click();
    await page.getByTestId('deal-registrations').getByRole('link', { name: 'Stark Industries' }).click();
    await page.getByTestId('deal-status').filter({ hasText: 'submitted' }).waitFor();
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Decide the registration' }).count()).toBe(0);
    await page.goto(`${local.stack.apiUrl}/#/price-protection/PPR-0000000000000000`);
    await page
      .getByRole('alert')
      .filter({ hasText: /^Not Found \(404\): No page/ })
      .waitFor();
  });
});
