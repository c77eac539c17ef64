/**
 * Payment export benchmark (issue 12): a bank-transfer batch of 10,000 partner payments (one approved claim
 * each, seeded amounts) built from the claims and exported as ISO 20022 pain.001.001.09 XML, in memory. The
 * goal is the export of 10,000 payments well under 5 s. `JSON.stringify` of the same batch is measured in the
 * same process as a reference, so the ratio means something on a loaded machine.
 * Run: `npx tsx bench/payment-export.ts [payments]`. Each figure is the median of 5 runs after a warm-up.
 */
import { pathToFileURL } from 'node:url';
import type { Claim } from '../domain/claims/claim';
import { buildPaymentBatch } from '../domain/payments/build-payment-batch';
import { pain001Xml } from '../domain/payments/pain001-export';
import { fromMinorUnits, toMinorUnits } from '../domain/shared/money/minor-units';
import { seededRandom } from '../test/support/seeded-random';
import { paidPartner } from '../test/unit/payments/builders';

function claimOf(index: number, amount: string): Claim {
  const partnerId = `P${String(index).padStart(6, '0')}`;
  return {
    claimId: `CLM-${String(index).padStart(6, '0')}`,
    type: 'rebate',
    partnerId,
    programId: 'PRG-1',
    period: '2026-01',
    fund: 'rebate',
    currency: 'EUR',
    lines: [{ lineNumber: 1, amount, reference: `INV-${index}`, evidence: [] }],
    amountClaimed: amount,
    amountApproved: amount,
    status: 'approved',
    submittedBy: { userId: `u-${partnerId}`, role: 'partner' },
    submittedAt: '2026-02-01T09:00:00.000Z',
    validationFailures: [],
    history: [],
    version: 3,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function timed(run: () => unknown): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}

export async function runPaymentExportBench(payments = 10_000): Promise<Record<string, unknown>> {
  const random = seededRandom(20260312);
  const claims = Array.from({ length: payments }, (_, index) =>
    claimOf(index, fromMinorUnits(BigInt(1 + Math.floor(random() * 5_000_000)), 'EUR')),
  );
  const partners = new Map(claims.map((claim) => [claim.partnerId, paidPartner(claim.partnerId)]));
  const build = () =>
    buildPaymentBatch({
      batchId: 'PB-BENCH',
      request: { currency: 'EUR', method: 'bankTransfer', payableUpTo: '2026-02-28' },
      createdBy: { userId: 'u-fin', role: 'finance' },
      createdAt: '2026-03-01T12:00:00.000Z',
      claims,
      partners,
    });
  const debtor = {
    initiatingPartyName: 'ACME',
    accountHolderName: 'ACME GmbH',
    iban: 'DE75512108001245126199',
    bic: 'SOGEDEFFXXX',
  };
  const batch = build();
  let xml = pain001Xml(batch, debtor);
  const buildMs: number[] = [];
  const exportMs: number[] = [];
  const jsonMs: number[] = [];
  for (let run = 0; run < 5; run++) {
    buildMs.push(timed(build));
    exportMs.push(timed(() => (xml = pain001Xml(batch, debtor))));
    jsonMs.push(timed(() => JSON.stringify(batch)));
  }
  const transactions = xml.split('<CdtTrfTxInf>').length - 1;
  const sum = claims.reduce((total, claim) => total + toMinorUnits(claim.amountApproved ?? '0', 'EUR'), 0n);
  return {
    payments,
    transactionsInFile: transactions,
    fileBytes: Buffer.byteLength(xml),
    buildBatchMs: Math.round(median(buildMs)),
    exportPain001Ms: Math.round(median(exportMs)),
    jsonStringifyMs: Math.round(median(jsonMs)),
    exportVsJson: Number((median(exportMs) / median(jsonMs)).toFixed(1)),
    controlSumExact: batch.total === fromMinorUnits(sum, 'EUR') && transactions === payments,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.table(await runPaymentExportBench(Number(process.argv[2] ?? 10_000)));
}
