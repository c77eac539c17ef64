/**
 * Claim submission on the local stack (`npm start` in its own process): finance gives DIST-NORTH a co-op
 * balance (an approved adjustment), then 20 workers submit `BENCH_CLAIMS` (default 2,000) one-line claims of
 * 0.01 USD as the partner. Reports claims/s and p50/p99 of `POST /claims`, and checks the checkbook's
 * `reserved` equals the claims validated, to the cent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Decimal } from 'decimal.js';
import { localSigningKey, signLocalToken } from '../infra/local/local-auth';
import { freePort } from '../infra/local/preflight';
import { percentile, startStack } from './api-load';

const claimCount = Number(process.env.BENCH_CLAIMS ?? 2_000);
const workers = 20;

export async function runClaimsBench(): Promise<Record<string, unknown>> {
  const dataDirectory = mkdtempSync(path.join(tmpdir(), 'chrm-claims-'));
  const port = await freePort();
  const child = await startStack(port, dataDirectory);
  const base = `http://127.0.0.1:${port}`;
  try {
    const key = localSigningKey(dataDirectory);
    const sign = (sub: string, role: 'finance' | 'approver') => signLocalToken(key, { sub, role });
    const partner = await signLocalToken(key, {
      sub: 'bench-partner',
      role: 'partner',
      partnerId: 'DIST-NORTH',
    });
    const call = async (method: string, route: string, token: string, body?: unknown, headers = {}) => {
      const response = await fetch(`${base}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    };
    const requested = await call('POST', '/adjustments', await sign('bench-finance', 'finance'), {
      programId: 'COOP-2026',
      beneficiaryPartnerId: 'DIST-NORTH',
      fund: 'coop',
      period: '2026-03',
      currency: 'USD',
      amount: '100000.00',
      reason: 'claims bench balance',
    });
    await call(
      'POST',
      `/adjustments/${requested.json.adjustmentId}/decision`,
      await sign('bench-approver', 'approver'),
      { decision: 'approve' },
      { 'if-match': '"1"' },
    );
    const latencies: number[] = [];
    let validated = 0;
    let errors = 0;
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: workers }, async () => {
        while (next < claimCount) {
          const index = next++;
          const sent = performance.now();
          const answer = await call('POST', '/claims', partner, {
            type: 'rebate',
            programId: 'COOP-2026',
            period: '2026-03',
            fund: 'coop',
            currency: 'USD',
            lines: [{ amount: '0.01', reference: `BENCH-${index}`, evidence: [] }],
          });
          latencies.push(performance.now() - sent);
          if (answer.status === 201 && answer.json.status === 'validated') validated++;
          else errors++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const books = (await call('GET', '/partners/DIST-NORTH/checkbook?programId=COOP-2026', partner)).json
      .items as { fund: string; reserved: string }[];
    const reserved = books.find((book) => book.fund === 'coop')?.reserved;
    const sorted = latencies.sort((a, b) => a - b);
    return {
      claims: claimCount,
      validated,
      errors,
      claimsPerSecond: Math.round(claimCount / seconds),
      p50ms: Math.round(percentile(sorted, 50)),
      p99ms: Math.round(percentile(sorted, 99)),
      reservedExact: reserved === new Decimal(validated).times('0.01').toFixed(2),
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    rmSync(dataDirectory, { recursive: true, force: true });
  }
}
