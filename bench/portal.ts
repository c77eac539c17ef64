/**
 * The portal's first load on the local stack (demo data): the bytes a browser transfers for the app (index.html,
 * script and stylesheet, gzip as served) and the time from navigation to the partner's home page showing its
 * figures, in headless Chromium (Debian's, through Playwright), cold (new browser profile each load) and warm
 * (assets cached, index.html revalidated). Median of `BENCH_PORTAL_LOADS` loads (default 5) each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from '@playwright/test';
import { localSigningKey, signLocalToken } from '../infra/local/local-auth';
import { freePort } from '../infra/local/preflight';
import { launchChromium } from '../test/support/browser';
import { buildWebApp } from '../web/build';
import { percentile, startStack } from './api-load';

const loads = Number(process.env.BENCH_PORTAL_LOADS ?? 5);
const partner = { sub: 'demo-partner-dist-north', role: 'partner', partnerId: 'DIST-NORTH' } as const;

/** One load of `/` signed in as the partner (token put where the app keeps it); ms until the figures show. */
async function timeHome(browser: Browser, base: string, token: string, warmUp: boolean) {
  const context = await browser.newContext();
  await context.addInitScript({
    content: `sessionStorage.setItem('chrm.session', ${JSON.stringify(token)})`,
  });
  const page = await context.newPage();
  let transferred = 0;
  page.on('requestfinished', (request) => {
    if (!new URL(request.url()).pathname.startsWith('/api/'))
      void request.sizes().then((sizes) => {
        transferred += sizes.responseBodySize + sizes.responseHeadersSize;
      });
  });
  if (warmUp) {
    await page.goto(`${base}/`);
    await page.getByTestId('home-figures').waitFor();
  }
  const started = performance.now();
  await page.goto(`${base}/`);
  await page.getByTestId('home-figures').waitFor();
  const ms = performance.now() - started;
  await context.close();
  return { ms, transferred };
}

const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

export async function runPortalBench(): Promise<Record<string, unknown>> {
  const assets = await buildWebApp();
  const served = Object.fromEntries(assets.map((asset) => [asset.path, asset.gzipped.length]));
  // The stack in its own process (`npm start` with the demo data), as a partner's browser meets it.
  const dataDirectory = mkdtempSync(path.join(tmpdir(), 'chrm-portal-'));
  const port = await freePort();
  const child = await startStack(port, dataDirectory);
  const browser = await launchChromium();
  try {
    const token = await signLocalToken(localSigningKey(dataDirectory), partner);
    const base = `http://127.0.0.1:${port}`;
    const cold: { ms: number; transferred: number }[] = [];
    const warm: number[] = [];
    for (let load = 0; load < loads; load++) {
      cold.push(await timeHome(browser, base, token, false));
      warm.push((await timeHome(browser, base, token, true)).ms);
    }
    const gzipBytes = Object.values(served).reduce((sum, bytes) => sum + bytes, 0);
    return {
      firstLoad: {
        appGzipBytes: gzipBytes,
        ...served,
        transferredWithHeaders: median(cold.map((each) => each.transferred)),
        goalBytes: 200_000,
      },
      homeWithData: {
        coldMedianMs: Math.round(median(cold.map((each) => each.ms))),
        coldMaxMs: Math.round(Math.max(...cold.map((each) => each.ms))),
        warmMedianMs: Math.round(median(warm)),
        loads,
        goalMs: 1000,
      },
    };
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}
