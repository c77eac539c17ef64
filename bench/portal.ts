/**
 * The portal's first load on the local stack (demo data): the bytes a browser transfers for the app (index.html,
 * script and stylesheet, gzip as served) and the time from navigation to the partner's home page showing its
 * figures, in headless Chromium (Debian's, through Playwright), cold (new browser profile each load) and warm
 * (assets cached, index.html revalidated). Median of `BENCH_PORTAL_LOADS` loads (default 5) each.
 */
import type { Browser } from '@playwright/test';
import { startLocalStack } from '../infra/local/local-stack';
import { launchChromium } from '../test/support/browser';
import { buildWebApp } from '../web/build';
import { percentile } from './api-load';

const loads = Number(process.env.BENCH_PORTAL_LOADS ?? 5);
const partner = 'demo-partner-dist-north';

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
  const stack = await startLocalStack({ inMemory: true, apiPort: 0, seed: 'claims' });
  const browser = await launchChromium();
  try {
    const token = stack.tokens[partner];
    if (!token) throw new Error(`no demo token for ${partner}`);
    const cold: { ms: number; transferred: number }[] = [];
    const warm: number[] = [];
    for (let load = 0; load < loads; load++) {
      cold.push(await timeHome(browser, stack.apiUrl, token, false));
      warm.push((await timeHome(browser, stack.apiUrl, token, true)).ms);
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
    await stack.stop();
  }
}
